// The frame every email shares: who it is from, how to reach them, and why the reader got it.
// Patients forward or print these, and spam filters distrust unbranded mail, so the practice's
// contact details are on every message rather than only on some.
import type { CSSProperties, ReactNode } from "react";
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import type { Practice } from "../render-email";

export const PREVIEW_PRACTICE: Practice = {
  name: "Riverside Family Medicine",
  phone: "(555) 010-2030",
  address: "120 Main Street, Suite 4, Springfield, ST 00000",
};

export function EmailLayout(props: {
  practice: Practice;
  locale: Locale;
  /** Short summary shown next to the subject in the inbox; keep it free of personal details. */
  preview: string;
  title: string;
  /** Completes "You received this email because …" (in the email's language). */
  because: string;
  children: ReactNode;
}) {
  const { practice, locale } = props;
  const t = translator(locale, "emails");
  return (
    <Html lang={locale} dir="ltr">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Section style={header}>
            <Text style={brand}>{practice.name}</Text>
          </Section>
          <Section style={content}>
            <Heading as="h1" style={h1}>
              {props.title}
            </Heading>
            {props.children}
          </Section>
          <Hr style={rule} />
          <Section style={footer}>
            <Text style={small}>{t("layout.because", { reason: props.because })}</Text>
            <Text style={small}>
              {practice.name}
              <br />
              {t("layout.phone", { phone: practice.phone })}
              <br />
              {practice.address}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export function P({ children }: { children: ReactNode }) {
  return <Text style={paragraph}>{children}</Text>;
}

/**
 * A button plus the same link printed out: some mail clients drop or block buttons, and a
 * visible address lets careful readers check where it goes. The plain-text version gets only
 * the address, so the copy around it should say "the link below", never "the button".
 */
export function ActionLink({ href, label, locale }: { href: string; label: string; locale: Locale }) {
  return (
    <>
      <Section style={buttonRow}>
        <Button href={href} style={button} data-skip-in-text="true">
          {label}
        </Button>
      </Section>
      <Text style={paragraph} data-skip-in-text="true">
        {translator(locale, "emails")("layout.copyLink")}
      </Text>
      <Text style={linkText}>
        <Link href={href} style={{ color: "#1d4ed8", textDecorationLine: "underline" }}>
          {href}
        </Link>
      </Text>
    </>
  );
}

/** Something the reader needs to copy exactly, like a username. */
export function Highlight({ children }: { children: ReactNode }) {
  return <Text style={highlight}>{children}</Text>;
}

const font = '-apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const body: CSSProperties = { backgroundColor: "#f3f4f6", fontFamily: font, margin: 0, padding: "24px 0" };
const container: CSSProperties = {
  backgroundColor: "#ffffff",
  maxWidth: "560px",
  margin: "0 auto",
  borderRadius: "8px",
};
const header: CSSProperties = { padding: "20px 32px 0" };
const brand: CSSProperties = { fontSize: "16px", fontWeight: 600, color: "#1f2937", margin: 0 };
const content: CSSProperties = { padding: "8px 32px 16px" };
const h1: CSSProperties = { fontSize: "22px", lineHeight: "30px", color: "#111827", margin: "16px 0" };
const paragraph: CSSProperties = { fontSize: "16px", lineHeight: "24px", color: "#1f2937", margin: "0 0 16px" };
const buttonRow: CSSProperties = { margin: "8px 0 20px" };
const button: CSSProperties = {
  backgroundColor: "#1d4ed8",
  color: "#ffffff",
  fontSize: "16px",
  fontWeight: 600,
  borderRadius: "6px",
  padding: "12px 20px",
};
const linkText: CSSProperties = { ...paragraph, wordBreak: "break-all" };
const highlight: CSSProperties = {
  ...paragraph,
  fontSize: "18px",
  fontWeight: 600,
  backgroundColor: "#f3f4f6",
  padding: "8px 12px",
  borderRadius: "4px",
  wordBreak: "break-all",
};
const rule: CSSProperties = { borderColor: "#e5e7eb", margin: "0" };
const footer: CSSProperties = { padding: "16px 32px 24px" };
const small: CSSProperties = { fontSize: "13px", lineHeight: "20px", color: "#4b5563", margin: "0 0 12px" };
