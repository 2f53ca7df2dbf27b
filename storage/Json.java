package storage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The one Jackson configuration every backend uses for objects and manifests: java.time (ISO-8601
 * text, not numeric timestamps) and Optional support, strict about unknown properties, and NO default typing: the type of a
 * loaded value is always the one the caller names, never one the stored bytes name. No Java serialization.
 */
public final class Json {
    private Json() {}

    /** What a load accepts (Jackson's defaults: strings of 20M characters, names of 50k, numbers of 1000 digits, depth 1000). */
    static final StreamReadConstraints READ_LIMITS = StreamReadConstraints.defaults();

    /**
     * Saves enforce the loads' limits, so no save succeeds that no load can read: every generator checks
     * each string, property name and number it writes against {@link #READ_LIMITS} (the nesting depth is
     * already checked by Jackson's own write constraints, whose default equals the read one).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(READ_LIMITS)
            .addDecorator((factory, g) -> new LimitedGenerator(g))
            .build();

    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The shared mapper (thread-safe once configured; do not reconfigure it). */
    public static ObjectMapper mapper() { return MAPPER; }

    /** A generator that refuses what {@link #READ_LIMITS} would refuse on the way back in. */
    private static final class LimitedGenerator extends JsonGeneratorDelegate {
        LimitedGenerator(JsonGenerator g) { super(g, false); }

        private static void string(int length) throws StreamConstraintsException {
            if (length > READ_LIMITS.getMaxStringLength())
                throw new StreamConstraintsException("a string of " + length + " characters is longer than the "
                        + READ_LIMITS.getMaxStringLength() + " a load accepts");
        }

        private static void name(int length) throws StreamConstraintsException {
            if (length > READ_LIMITS.getMaxNameLength())
                throw new StreamConstraintsException("a property name (map key) of " + length + " characters is longer than the "
                        + READ_LIMITS.getMaxNameLength() + " a load accepts");
        }

        private static void number(String text) throws StreamConstraintsException {
            if (text.length() > READ_LIMITS.getMaxNumberLength())
                throw new StreamConstraintsException("a number of " + text.length() + " characters is longer than the "
                        + READ_LIMITS.getMaxNumberLength() + " a load accepts");
        }

        @Override public void writeString(String text) throws IOException { if (text != null) string(text.length()); super.writeString(text); }
        @Override public void writeString(char[] text, int offset, int len) throws IOException { string(len); super.writeString(text, offset, len); }
        @Override public void writeString(SerializableString text) throws IOException { string(text.charLength()); super.writeString(text); }
        @Override public void writeString(java.io.Reader reader, int len) throws IOException { string(len); super.writeString(reader, len); }
        @Override public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException { string(length); super.writeRawUTF8String(text, offset, length); }
        @Override public void writeUTF8String(byte[] text, int offset, int length) throws IOException { string(length); super.writeUTF8String(text, offset, length); }
        @Override public void writeFieldName(String n) throws IOException { name(n.length()); super.writeFieldName(n); }
        @Override public void writeFieldName(SerializableString n) throws IOException { name(n.charLength()); super.writeFieldName(n); }
        @Override public void writeNumber(BigDecimal v) throws IOException { if (v != null) number(v.toString()); super.writeNumber(v); }
        @Override public void writeNumber(BigInteger v) throws IOException { if (v != null) number(v.toString()); super.writeNumber(v); }
        @Override public void writeNumber(String encoded) throws IOException { if (encoded != null) number(encoded); super.writeNumber(encoded); }
    }
}
