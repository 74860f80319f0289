package dev.slabagent.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuardTest {

    @ParameterizedTest(name = "{0} with field {1}: {2}")
    @CsvSource({
        "ref==0, 0, true", "ref==0, 1, false",
        "ref!=0, 0, false", "ref!=0, -1, true",
        "ref<2, 1, true", "ref<2, 2, false",
        "ref<=2, 2, true", "ref<=2, 3, false",
        "ref>-1, 0, true", "ref>-1, -1, false",
        "ref>=5, 5, true", "ref>=5, 4, false",
        "closed==true, 1, true", "closed==true, 0, false",
        "closed!=false, 1, true", "closed!=false, 0, false",
        "buf==null, 0, true", "buf==null, 1, false",
        "buf!=null, 1, true", "buf!=null, 0, false"})
    void guardsCompareTheFieldWithTheConstant(String when, long field, boolean frees) {
        AgentConfig c = ConfigParser.parse("slab.g.class=a.B\nslab.g.release=a.B#c:0\nslab.g.when=" + when + "\n");
        Guard guard = c.cache("g").guard();
        assertEquals(1, guard.terms().size());
        assertEquals(frees, guard.terms().get(0).test(field));
        assertEquals(when, guard.toString(), "the guard prints as written");
    }

    @Test
    void comparisonsJoinedByAndParseInOrderAndPrintAsWritten() {
        AgentConfig c = ConfigParser.parse("slab.g.class=a.B\nslab.g.release=a.B#c:0\nslab.g.when= ref == 0 && closed==true&&buf!=null\n");
        assertEquals(List.of(), c.errors());
        Guard guard = c.cache("g").guard();
        assertEquals(List.of(new Guard.Term("ref", "==", 0, Guard.Kind.INTEGER),
                new Guard.Term("closed", "==", 1, Guard.Kind.BOOLEAN),
                new Guard.Term("buf", "!=", 0, Guard.Kind.NULL)), guard.terms());
        assertEquals("ref==0&&closed==true&&buf!=null", guard.toString());
    }
}
