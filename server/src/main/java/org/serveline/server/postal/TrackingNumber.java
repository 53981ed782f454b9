package org.serveline.server.postal;

import java.util.regex.Pattern;

/**
 * A UPU S10 item identifier such as {@code EA123456785CN}: two letters (service), eight digits (serial), the
 * mod-11 check digit and the ISO country code. Validates in its constructor; a malformed value cannot exist.
 */
public record TrackingNumber(String value) {

    private static final Pattern FORMAT = Pattern.compile("^[A-Z]{2}\\d{9}[A-Z]{2}$");
    private static final int[] WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};

    public TrackingNumber {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new MalformedTrackingNumberException(value, "is not of the UPU S10 form AA123456785CN");
        }
        int expected = checkDigit(value.substring(2, 10));
        if (value.charAt(10) - '0' != expected) {
            throw new MalformedTrackingNumberException(value, "has check digit " + value.charAt(10)
                    + ", the serial " + value.substring(2, 10) + " needs " + expected);
        }
    }

    /** Parses what a person typed: spaces dropped, letters upper-cased. */
    public static TrackingNumber parse(String typed) {
        return new TrackingNumber(typed == null ? null : typed.replace(" ", "").strip().toUpperCase());
    }

    /** The tracking number of a serial under a service indicator and country, its check digit computed. */
    public static TrackingNumber of(String service, long serial, String country) {
        String digits = String.format("%08d", serial);
        return new TrackingNumber(service + digits + checkDigit(digits) + country);
    }

    /** S10 check digit: weights 8 6 4 2 3 5 9 7, 11 − sum mod 11; 10 becomes 0 and 11 becomes 5. */
    static int checkDigit(String eightDigits) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (eightDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 0 : check == 11 ? 5 : check;
    }

    @Override
    public String toString() {
        return value;
    }
}
