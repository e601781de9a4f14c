import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Patient Portal", template: "%s · Patient Portal" },
  description: "Create, activate and recover your Patient Portal account.",
  // No icon of our own: an empty one keeps every page from asking for /favicon.ico (a 404 and a console error).
  icons: { icon: "data:," },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}
