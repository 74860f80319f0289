package dev.slabagent.runtime.management;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** The JMX names of the agent's MBeans, shared by the JVM that registers them and the CLI that reads them. */
public final class ManagementNames {

    /** The JMX domain of every slab-agent MBean. */
    public static final String DOMAIN = "slab.agent";

    /** The agent's MBean. */
    public static final ObjectName AGENT = name(DOMAIN + ":type=Agent");

    /** Pattern matching every cache MBean. */
    public static final ObjectName ALL_CACHES = name(DOMAIN + ":type=Cache,*");

    private ManagementNames() {
    }

    /** The name of cache {@code cacheName}'s MBean: {@code slab.agent:type=Cache,name=NAME} (NAME quoted if it must be). */
    public static ObjectName cache(String cacheName) {
        boolean plain = cacheName.matches("[A-Za-z0-9_.$-]+");
        return name(DOMAIN + ":type=Cache,name=" + (plain ? cacheName : ObjectName.quote(cacheName)));
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
