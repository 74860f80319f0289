/**
 * The caches seen from outside the JVM: one MXBean per cache ({@code slab.agent:type=Cache,name=NAME}) with the
 * slabinfo figures and {@code enable}/{@code disable} operations, the agent's MXBean ({@code slab.agent:type=Agent})
 * and a periodic JFR event ({@code dev.slabagent.SlabCache}) per cache.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Never called from rewritten code; {@link dev.slabagent.runtime.management.SlabMonitoring#install()} is called
 *       once by the agent's installer, which also hands over its
 *       {@link dev.slabagent.runtime.management.CacheSwitch}.</li>
 *   <li>Reading an attribute or emitting the event computes the cache's statistics on the spot; nothing is added
 *       to the caches' fast paths.</li>
 *   <li>The JFR event costs nothing unless a recording enables it; the MBeans cost nothing until read.</li>
 *   <li>No JMX or JFR failure reaches the host program: each is logged as one line.</li>
 * </ul>
 */
package dev.slabagent.runtime.management;
