package com.keystone.crm.notification.template;

import com.keystone.crm.notification.template.service.SmsSegments;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** GSM-7 and UCS-2 segment counts at their boundaries. */
class SmsSegmentsTest {
    @Test
    void gsmTextFitsOneHundredSixtySeptetsThenOneHundredFiftyThreePerPart() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(new SmsSegments.Count("GSM-7", 160, 1));
        assertThat(SmsSegments.count("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void extensionCharactersTakeTwoSeptets() {
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(new SmsSegments.Count("GSM-7", 160, 1));
        assertThat(SmsSegments.count("€".repeat(81)).segments()).isEqualTo(2);
    }

    @Test
    void anythingOutsideTheGsmAlphabetIsUcs2() {
        assertThat(SmsSegments.count("Olá ✓".repeat(14))).isEqualTo(new SmsSegments.Count("UCS-2", 70, 1));
        assertThat(SmsSegments.count("ç".repeat(71)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("🏡").length()).isEqualTo(2);
    }
}
