package io.jsupervisor.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The frozen object names, and quoting of names that hold characters JMX gives a meaning to. */
class ObjectNamesTest {

    @Test
    void plainNamesAsTheyAre() {
        assertEquals("jsupervisor:type=Supervisor", ObjectNames.supervisor().toString());
        assertEquals("jsupervisor:type=Group,name=web", ObjectNames.group("web").toString());
        assertEquals("jsupervisor:type=Process,group=web,name=web_00", ObjectNames.process("web", "web_00").toString());
        assertEquals("jsupervisor:type=Socket,group=cgi", ObjectNames.socket("cgi").toString());
        assertEquals("jsupervisor:type=Process,group=tést,name=漢", ObjectNames.process("tést", "漢").toString());
    }

    @Test
    void specialCharactersAreQuotedAndComeBackIntact() {
        for (String raw : new String[] {"a,b", "x=y", "c:d", "q\"uote", "star*", "what?", "back\\slash", ""}) {
            ObjectName name = ObjectNames.process(raw, raw);
            assertEquals(raw, ObjectName.unquote(name.getKeyProperty("group")), raw);
            assertEquals(raw, ObjectName.unquote(name.getKeyProperty("name")), raw);
            assertTrue(!name.isPattern(), raw);
        }
    }

    @Test
    void patterns() throws Exception {
        assertTrue(ObjectNames.processesOf("a,b").apply(ObjectNames.process("a,b", "x")));
        assertTrue(!ObjectNames.processesOf("a").apply(ObjectNames.process("ab", "x")));
        assertTrue(ObjectNames.pattern().apply(ObjectNames.supervisor()));
    }
}
