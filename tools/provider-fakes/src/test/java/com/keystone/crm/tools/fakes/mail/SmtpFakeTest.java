package com.keystone.crm.tools.fakes.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SmtpFakeTest {

    private static SmtpFake smtp;

    @BeforeAll
    static void start() {
        smtp = SmtpFake.start();
    }

    @AfterAll
    static void stop() {
        smtp.close();
    }

    @AfterEach
    void reset() {
        smtp.reset();
    }

    private static Session session(boolean auth) {
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", String.valueOf(smtp.port()));
        props.put("mail.smtp.auth", String.valueOf(auth));
        return Session.getInstance(props);
    }

    @Test
    void aMultipartMailToTwoRecipientsIsListedOnceWithItsPartsAndHeaders() throws Exception {
        MimeMessage message = new MimeMessage(session(false));
        message.setFrom(new InternetAddress("Keystone <noreply@keystone.test>"));
        message.setRecipients(Message.RecipientType.TO, "lead@example.com, other@example.com");
        message.setSubject("Your showing on Saturday", "UTF-8");
        message.setHeader("List-Unsubscribe", "<https://crm.test/unsubscribe/abc>");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("See you at 10:00.", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>See you at <b>10:00</b>.</p>", "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        message.setContent(alternative);
        Transport.send(message);

        assertThat(smtp.messages()).singleElement().satisfies(email -> {
            assertThat(email.from()).contains("noreply@keystone.test");
            assertThat(email.to()).containsExactly("lead@example.com", "other@example.com");
            assertThat(email.subject()).isEqualTo("Your showing on Saturday");
            assertThat(email.text()).isEqualTo("See you at 10:00.");
            assertThat(email.html()).isEqualTo("<p>See you at <b>10:00</b>.</p>");
            assertThat(email.header("list-unsubscribe")).isEqualTo("<https://crm.test/unsubscribe/abc>");
            assertThat(email.header("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(email.messageId()).isNotBlank();
        });
        assertThat(smtp.messagesTo("other@example.com")).hasSize(1);
        assertThat(smtp.messagesTo("nobody@example.com")).isEmpty();
    }

    @Test
    void anyCredentialsAreAcceptedAndPlainTextIsRead() throws Exception {
        MimeMessage message = new MimeMessage(session(true));
        message.setFrom("agent@keystone.test");
        message.setRecipients(Message.RecipientType.TO, "lead@example.com");
        message.setRecipients(Message.RecipientType.CC, "boss@example.com");
        message.setSubject("Plain");
        message.setText("Just text");
        Transport.send(message, "any-user", "any-password");

        assertThat(smtp.messages()).singleElement().satisfies(email -> {
            assertThat(email.text()).isEqualTo("Just text");
            assertThat(email.html()).isNull();
            assertThat(email.cc()).containsExactly("boss@example.com");
        });
        assertThat(smtp.greenMail().getReceivedMessages()).hasSize(2); // one per mailbox underneath
    }
}
