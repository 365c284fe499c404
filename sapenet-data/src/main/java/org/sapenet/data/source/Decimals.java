/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source;

import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers and integers from a range of bytes without creating strings for the common
 * short forms; {@link CsvCursor#parseFloat} parses its fields with it.
 */
public final class Decimals {

    private static final float[] POWERS_OF_TEN = {
        1f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f
    };

    private Decimals() {}

    /**
     * Parses a decimal number, correctly rounded to float32. Short plain decimals (at most 7
     * significant digits and 10 fraction digits) are parsed from the bytes; others go through
     * {@link Float#parseFloat}. {@code NaN} and {@code inf}/{@code Infinity} (any case, signed)
     * give NaN and infinities, for the caller to reject; surrounding spaces are an error.
     *
     * @param b the bytes
     * @param start the first byte
     * @param end one past the last byte
     * @return the value
     * @throws NumberFormatException when the bytes are not a decimal number
     */
    public static float parseFloat(byte[] b, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        int mantissa = 0;
        int digits = 0;
        int fraction = -1;
        boolean simple = i < end;
        for (; i < end; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                if (mantissa != 0 || c != '0') {
                    digits++;
                }
                if (digits > 7) {
                    simple = false;
                    break;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                simple = false;
                break;
            }
        }
        if (simple && fraction <= 10 && end - start > (fraction == 0 ? 2 : 0)) {
            float value = fraction <= 0 ? mantissa : mantissa / POWERS_OF_TEN[fraction];
            return negative ? -value : value;
        }
        return parseSlow(b, start, end);
    }

    private static float parseSlow(byte[] b, int start, int end) {
        String text = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        for (int i = start; i < end; i++) {
            int c = b[i];
            boolean numeric =
                    (c >= '0' && c <= '9')
                            || c == '.'
                            || c == 'e'
                            || c == 'E'
                            || c == '-'
                            || c == '+';
            if (!numeric) {
                String lower = text.toLowerCase(java.util.Locale.ROOT);
                String unsigned =
                        lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
                if (unsigned.equals("nan")) {
                    return Float.NaN;
                }
                if (unsigned.equals("inf") || unsigned.equals("infinity")) {
                    return lower.startsWith("-")
                            ? Float.NEGATIVE_INFINITY
                            : Float.POSITIVE_INFINITY;
                }
                throw new NumberFormatException(text);
            }
        }
        if (text.isEmpty() || text.equals(".")) {
            throw new NumberFormatException(text);
        }
        return Float.parseFloat(text);
    }

    /**
     * Parses a non-negative decimal integer below 2^63.
     *
     * @param b the bytes
     * @param start the first byte
     * @param end one past the last byte
     * @return the value, or -1 when the bytes are not such an integer
     */
    public static long parseLong(byte[] b, int start, int end) {
        if (start == end || end - start > 18) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
