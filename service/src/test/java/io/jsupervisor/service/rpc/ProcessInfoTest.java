package io.jsupervisor.service.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Uptimes printed as Python prints a timedelta, and times capped to XML-RPC ints. */
class ProcessInfoTest {

    @Test
    void uptimeReadsLikePythonsTimedelta() {
        assertEquals("0:00:00", ProcessInfo.timedelta(0));
        assertEquals("0:00:13", ProcessInfo.timedelta(13));
        assertEquals("2:03:04", ProcessInfo.timedelta(2 * 3600 + 3 * 60 + 4));
        assertEquals("1 day, 2:03:04", ProcessInfo.timedelta(86_400 + 2 * 3600 + 3 * 60 + 4));
        assertEquals("3 days, 0:00:00", ProcessInfo.timedelta(3 * 86_400));
    }

    @Test
    void timesAreCappedToXmlRpcInts() {
        assertEquals(Integer.MAX_VALUE, ProcessInfo.seconds(Long.MAX_VALUE));
        assertEquals(1_700_000_000, ProcessInfo.seconds(1_700_000_000_999L));
    }
}
