package dev.recall.progress.projection;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growing big-endian byte buffer for COPY's binary format ({@link Columns#appendCopyRow}). */
final class CopyBuffer {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] bytes;
    private int size;

    CopyBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    void putShort(short value) {
        ensure(2);
        SHORT.set(bytes, size, value);
        size += 2;
    }

    void putInt(int value) {
        ensure(4);
        INT.set(bytes, size, value);
        size += 4;
    }

    void putLong(long value) {
        ensure(8);
        LONG.set(bytes, size, value);
        size += 8;
    }

    void put(byte[] value) {
        put(value, value.length);
    }

    void put(byte[] value, int length) {
        ensure(length);
        System.arraycopy(value, 0, bytes, size, length);
        size += length;
    }

    /** A text field: its UTF-8 length, then its bytes. */
    void putText(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        putInt(utf8.length);
        put(utf8);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
