package dev.slabagent.jbd.device;

import java.io.IOException;

/** A block read that returned fewer bytes than a block. */
public class ShortReadException extends IOException {
    /**
     * @param what which device ("journal", "device")
     * @param block block number
     * @param got bytes read
     * @param wanted block size
     */
    public ShortReadException(String what, long block, int got, int wanted) {
        super(what + " block " + block + ": short read, " + got + " of " + wanted + " bytes");
    }
}
