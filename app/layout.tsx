import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "./_components/SiteHeader";
import { TRPCReactProvider } from "./_trpc/client";
import "./globals.css";

// Every page depends on who is logged in; nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Diffusion Lab", template: "%s · Diffusion Lab" },
  description: "Lectures, live exercises, team projects and DDPM training for a course on diffusion models.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <TRPCReactProvider>
          <SiteHeader />
          <main id="main" className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6">
            {children}
          </main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
