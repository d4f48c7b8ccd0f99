package dev.portcullis.policy.breached;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The built-in list: the 30,000 most common passwords, as zxcvbn ranks them (the list ships inside
 * the zxcvbn4j jar). Held as sorted 64-bit SHA-1 prefixes, like the imported corpus; the list is
 * lower-case, so a password is also looked up lower-cased ({@code Password123} is common too).
 */
public final class CommonPasswords {

    static final String RESOURCE = "com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";

    private final long[] sorted;

    private CommonPasswords(long[] sorted) {
        this.sorted = sorted;
    }

    public static CommonPasswords load() {
        InputStream in = CommonPasswords.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the common-password list " + RESOURCE + " is missing from the classpath");
        }
        long[] hashes = new long[32_768];
        int size = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String password = line.strip();
                if (password.isEmpty()) {
                    continue;
                }
                if (size == hashes.length) {
                    hashes = Arrays.copyOf(hashes, size * 2);
                }
                hashes[size++] = Sha1Prefix.of(password);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long[] sorted = Arrays.copyOf(hashes, size);
        Arrays.sort(sorted);
        return new CommonPasswords(sorted);
    }

    public boolean contains(long h) {
        return Arrays.binarySearch(sorted, h) >= 0;
    }

    public int size() {
        return sorted.length;
    }
}
