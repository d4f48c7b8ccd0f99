package dev.portcullis.policy.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ConsoleLanguageTest {

    @Test
    void theBrowsersBestSupportedLanguageWins() {
        assertThat(ConsoleLanguage.choose(null, "ja-JP,ja;q=0.9,en-US;q=0.8")).isEqualTo(Locale.JAPANESE);
        assertThat(ConsoleLanguage.choose(null, "en-GB,en;q=0.9,ja;q=0.5")).isEqualTo(Locale.ENGLISH);
        assertThat(ConsoleLanguage.choose(null, "fr-FR,ja;q=0.3")).isEqualTo(Locale.JAPANESE);
        assertThat(ConsoleLanguage.choose(null, "ja;q=0.2,en;q=0.7")).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void anythingElseIsEnglish() {
        assertThat(ConsoleLanguage.choose(null, null)).isEqualTo(Locale.ENGLISH);
        assertThat(ConsoleLanguage.choose(null, "")).isEqualTo(Locale.ENGLISH);
        assertThat(ConsoleLanguage.choose(null, "de, fr")).isEqualTo(Locale.ENGLISH);
        assertThat(ConsoleLanguage.choose(null, "ja;q=banana")).isEqualTo(Locale.ENGLISH);
        assertThat(ConsoleLanguage.choose(null, "ja," + "x".repeat(600))).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void thePersonsChoiceWinsWhenItIsALanguageTheConsoleSpeaks() {
        assertThat(ConsoleLanguage.choose("ja", "en")).isEqualTo(Locale.JAPANESE);
        assertThat(ConsoleLanguage.choose("en", "ja")).isEqualTo(Locale.ENGLISH);
        assertThat(ConsoleLanguage.choose("klingon", "ja")).isEqualTo(Locale.JAPANESE);
    }

    @Test
    void theSwitchGoesBackOnlyIntoTheConsole() {
        assertThat(LanguageSwitch.safe("/console/audit?subject=a%20b")).hasToString("/console/audit?subject=a%20b");
        assertThat(LanguageSwitch.safe("/console")).hasToString("/console");
        for (String hostile : new String[] {null, "", "https://evil.example/console", "//evil.example",
                "/console//evil.example", "/consoled", "/console\\@evil", "/console?x=a b", "/console\n/x",
                "javascript:alert(1)"}) {
            assertThat(LanguageSwitch.safe(hostile)).as(String.valueOf(hostile)).hasToString("/console");
        }
    }
}
