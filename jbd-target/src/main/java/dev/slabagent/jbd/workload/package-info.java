/** Reproducible write workloads over the journaled store, shared by the CLI, the crash test and benchmarks. */
package dev.slabagent.jbd.workload;
