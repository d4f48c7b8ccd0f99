package dev.portcullis.policy.credentials;

import java.util.List;

/**
 * The variant model's tables: pairs of passwords (the one a service holds, the one a person now
 * chooses) by transformation class, from the classes that studies of real reuse report most often
 * (Das et al., "The Tangled Web of Password Reuse", NDSS 2014; Wang et al., "The Next Domino to Fall",
 * CCS 2016), and look-alike pairs that share a shape but not a password. Our own examples.
 */
final class VariantTable {

    record Pair(String transformation, String stored, String chosen) {
    }

    private VariantTable() {
    }

    static final List<Pair> VARIANTS = List.of(
            // digits or symbols added, removed or changed at the end, with or without a separator
            new Pair("end, separated", "Kumquat-Harbor-2024!", "Kumquat-Harbor-2025!"),
            new Pair("end, separated", "Kumquat-Harbor-2024!", "Kumquat-Harbor-2024"),
            new Pair("end, separated", "Tangerine_Sky_77", "Tangerine_Sky_78"),
            new Pair("end, separated", "Walrus.Meadow.2024", "walrus.meadow.2025"),
            new Pair("end, separated", "Velvet Comet 12", "Velvet Comet 13"),
            new Pair("end, separated", "Orchard2023", "Orchard-2024"),
            new Pair("end, separated", "Lantern#1", "Lantern#2"),
            new Pair("end, attached", "Marigold", "Marigold99"),
            new Pair("end, attached", "Marigold99", "Marigold!"),
            new Pair("end, attached", "KumquatHarbor2024!", "KumquatHarbor2025!"),
            new Pair("end, attached", "Pebblestone!!", "Pebblestone?"),
            // ... and at the start
            new Pair("start", "1Ferngully", "2Ferngully"),
            new Pair("start", "2024-Saffron", "2025-Saffron"),
            new Pair("start", "!!Quokka", "Quokka"),
            new Pair("start", "007Moonraker", "Moonraker"),
            // capitalisation
            new Pair("capitalisation", "Sunflower-Lane", "sunflower-lane"),
            new Pair("capitalisation", "SUNFLOWERLANE7", "sunflowerlane7"),
            new Pair("capitalisation", "bRaMbLe2024", "Bramble2024"),
            // leet substitutions inside words
            new Pair("leet", "P@ssport-Tiger", "Passport-Tiger"),
            new Pair("leet", "Dr4gonfly99", "Dragonfly99"),
            new Pair("leet", "S3cur1ty!2024", "Security2024"),
            new Pair("leet", "Ch0c0late", "Chocolate1"),
            new Pair("leet", "M1nn3sota", "Minnesota"),
            new Pair("leet", "$tarlight", "Starlight"),
            new Pair("leet", "hell0kitty", "hellokitty"),
            new Pair("leet", "Butterf1y", "Butterfly"),
            new Pair("leet, at a word's end", "Tornad0", "Tornado"),
            new Pair("leet, at a word's end", "Crysta1", "Crystal"),
            new Pair("leet, at a word's end", "Avocad0!", "avocado2024"),
            // a year or counter incremented
            new Pair("increment", "Fjord2019", "Fjord2020"),
            new Pair("increment", "Winter-01", "Winter-02"),
            new Pair("increment", "Cobalt#9", "Cobalt#10"),
            new Pair("increment", "Spring2024Q1", "Spring2024Q2"),
            new Pair("increment", "Word_Word_77", "Word_Word_78"),
            new Pair("increment", "Word.Word.2024", "word.word.2025"),
            new Pair("increment", "Word Word 12", "Word Word 13"),
            // affixes moved from the front to the back
            new Pair("affix moved", "2024Cormorant", "Cormorant2024"),
            new Pair("affix moved", "!Pelican", "Pelican!"),
            new Pair("affix moved", "99-Lighthouse", "Lighthouse-99"),
            // repeated symbols
            new Pair("repeated symbols", "Zephyr!", "Zephyr!!!"),
            new Pair("repeated symbols", "Mango$$$", "Mango$"),
            new Pair("repeated symbols", "Harbor--Light", "Harbor-Light"),
            // full-width forms
            new Pair("full-width", "Ｋｕｍｑｕａｔ２０２４", "Kumquat2025"),
            new Pair("full-width", "ＰＡＳＳＰＯＲＴ－ｔｉｇｅｒ", "Passport-Tiger"),
            // non-Latin scripts
            new Pair("non-Latin", "さくらもち-2024", "さくらもち-2025"),
            new Pair("non-Latin", "桜餅2024", "桜餅2025"),
            new Pair("non-Latin", "Москва2023!", "москва2024"),
            new Pair("non-Latin", "東京タワー#1", "東京タワー#2"),
            new Pair("non-Latin", "Αθήνα-2020", "αθήνα-2021"),
            new Pair("non-Latin", "서울사랑2024", "서울사랑2025"),
            // several at once
            new Pair("combined", "Kumquat-Harbor-2024!", "kumquat_harbor_2025"),
            new Pair("combined", "Summer2024!", "$ummer2025"),
            new Pair("combined", "P@ssw0rd-2023", "Password2024!"),
            new Pair("combined", "2023!Gr4nite", "granite-2024"));

    static final List<Pair> LOOK_ALIKES = List.of(
            new Pair("same suffix, other word", "Kumquat-2024!", "Pineapple-2024!"),
            new Pair("same suffix, other word", "Summer2024!", "Winter2024!"),
            new Pair("same suffix, other word", "Lighthouse-99", "Lightning-99"),
            new Pair("same suffix, other word", "Dragonfly99", "Damselfly99"),
            new Pair("same suffix, other word", "Orchard-77", "Orchid-77"),
            new Pair("same shape, other words", "Blue-Horse-2024", "Red-Horse-2024"),
            new Pair("same shape, other words", "Tangerine_Sky_77", "Tangerine_Sea_77"),
            new Pair("same shape, other words", "Passport-Tiger", "Passport-Lion"),
            new Pair("same shape, other words", "Silver-Fox-88", "Silver-Box-88"),
            new Pair("same shape, other words", "hello-world-1", "yellow-world-1"),
            new Pair("same shape, other words", "correct horse battery staple", "correct horse battery stable"),
            new Pair("one letter apart", "Crystal1", "Christal1"),
            new Pair("one letter apart", "P@ssw0rd", "Passwort"),
            new Pair("one letter apart", "Jaguar#2024", "Jaguars#2024"),
            new Pair("other script, same shape", "さくらもち-2024", "さくらんぼ-2024"),
            new Pair("other script, same shape", "桜餅2024", "柏餅2024"),
            new Pair("other script, same shape", "Москва2023", "Минск2023"),
            new Pair("too short to say", "abc-2024", "abc-2025"),
            new Pair("no letters", "12345678", "12345679"),
            new Pair("no letters", "!!--2024--!!", "!!--2025--!!"));
}
