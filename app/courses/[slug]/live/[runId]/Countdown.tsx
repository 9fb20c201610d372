"use client";

import { useEffect, useState } from "react";

/**
 * The phase countdown. The server sends when the phase ends and its own clock, so every screen in the
 * room shows the same time even when the laptops' clocks disagree. Calls `onZero` once at zero.
 */
export function Countdown({ endsAt, serverNow, onZero }: { endsAt: Date | null; serverNow: Date; onZero: () => void }) {
  const [offset] = useState(() => serverNow.getTime() - Date.now());
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + offset), 250);
    return () => clearInterval(timer);
  }, [offset]);
  const remaining = endsAt ? Math.max(0, Math.ceil((endsAt.getTime() - now) / 1000)) : null;
  useEffect(() => {
    if (remaining === 0) onZero();
  }, [remaining, onZero]);
  if (remaining === null) return null;
  const label = `${Math.floor(remaining / 60)}:${String(remaining % 60).padStart(2, "0")}`;
  return (
    <div className="text-right">
      <span className="sr-only">Time left:</span>
      <span role="timer" aria-live={remaining % 30 === 0 || remaining <= 10 ? "polite" : "off"} className={`font-mono text-3xl font-semibold tabular-nums ${remaining <= 10 ? "text-red-600" : "text-slate-800"}`}>
        {label}
      </span>
    </div>
  );
}
