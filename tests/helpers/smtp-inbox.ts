import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/**
 * A real SMTP server on the loopback interface that keeps what it receives, for tests of the mails the
 * app sends. Plain SMTP without STARTTLS or login, as a local relay would accept it.
 */
export async function startSmtpInbox(port = 0) {
  const received: ReceivedMail[] = [];
  const waiting: Array<{ to: string; resolve: (mail: ReceivedMail) => void }> = [];
  const server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const mail = parseMail(Buffer.concat(chunks).toString("utf8"), session.envelope.rcptTo.map(({ address }) => address));
        received.push(mail);
        for (const waiter of waiting.filter(({ to }) => mail.to.includes(to))) {
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.resolve(mail);
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `smtp://127.0.0.1:${boundPort}`,
    received,
    /** The first mail to `to`, received already or when it arrives. */
    mailTo(to: string): Promise<ReceivedMail> {
      const already = received.find((mail) => mail.to.includes(to));
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => waiting.push({ to, resolve }));
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Just enough MIME for the app's own one-part text mails: the Subject and the decoded body. */
function parseMail(raw: string, to: string[]): ReceivedMail {
  const [head, ...bodyParts] = raw.split(/\r?\n\r?\n/);
  const headers = new Map(
    head
      .replace(/\r?\n[ \t]+/g, " ")
      .split(/\r?\n/)
      .map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()] as const),
  );
  const body = bodyParts.join("\n\n");
  const text = headers.get("content-transfer-encoding") === "quoted-printable" ? decodeQuotedPrintable(body) : body;
  return { to, subject: headers.get("subject") ?? "", text: text.replace(/\r\n/g, "\n") };
}

/** Soft line breaks joined, each =XX back to its byte, the bytes read as UTF-8. */
function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let index = 0; index < joined.length; index++) {
    const escaped = joined[index] === "=" && /^[0-9A-F]{2}$/.test(joined.slice(index + 1, index + 3));
    if (escaped) {
      bytes.push(parseInt(joined.slice(index + 1, index + 3), 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(joined[index], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
