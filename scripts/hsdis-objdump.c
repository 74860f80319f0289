/*
 * hsdis-objdump: a stand-in for HotSpot's disassembler plugin (hsdis) that hands the code to binutils' objdump,
 * for machines that have objdump but no hsdis build (as JDK binaries ship none). With it, -XX:+PrintAssembly and
 * JMH's -prof perfasm show the compiled hot loop of a benchmark, annotated per instruction as with a real hsdis.
 * x86-64 only; a tool for looking at code, not part of the agent.
 *
 *   gcc -O2 -shared -fPIC -o /tmp/hsdis/hsdis-amd64.so scripts/hsdis-objdump.c
 *   LD_LIBRARY_PATH=/tmp/hsdis java -jar demo/target/benchmarks.jar HandleSiteBench.roundTrip -f 1 \
 *       -prof 'perfasm:events=cpu-clock;tooBigThreshold=5000'
 *
 * (cpu-clock where the machine has no hardware counters, as virtual machines often do.) The JVM calls
 * decode_instructions_virtual once per code blob; each instruction is reported between "insn" and "/insn" events so
 * that the JVM prints its own annotations (bytecode, inlining, oop maps) next to it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef void *(*event_callback_t)(void *stream, const char *event, void *arg);
typedef int (*printf_callback_t)(void *stream, const char *format, ...);

/* Bytes of an objdump line's hex column ("48 8b 05 ..."), up to the tab before the instruction text. */
static int count_bytes(const char *hex, const char *end) {
    int n = 0;
    for (const char *c = hex; c < end && *c; c++) {
        if (*c != ' ' && c[1] && c[1] != ' ' && c[1] != '\t') {
            n++;
            c++;
        }
    }
    return n;
}

void *decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char *buffer, uintptr_t length,
                                  event_callback_t event, void *event_stream, printf_callback_t print,
                                  void *print_stream, const char *options, int newline) {
    (void) end_va;
    (void) options;
    char path[] = "/tmp/hsdis-objdump-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        return (void *) start_va;
    }
    int written = write(fd, buffer, length) == (ssize_t) length;
    close(fd);
    uintptr_t at = start_va;
    if (written) {
        char command[256];
        snprintf(command, sizeof command,
                 "objdump -D -b binary -m i386:x86-64 --insn-width=16 --adjust-vma=0x%lx %s",
                 (unsigned long) start_va, path);
        FILE *out = popen(command, "r");
        event(event_stream, "insns", (void *) start_va);
        char line[1024];
        while (out != NULL && fgets(line, sizeof line, out) != NULL) {
            unsigned long address;
            int consumed = 0;
            char *hex = strchr(line, '\t');
            if (sscanf(line, " %lx:%n", &address, &consumed) != 1 || consumed == 0 || hex == NULL) {
                continue;
            }
            char *text = strchr(hex + 1, '\t');
            int bytes = count_bytes(hex + 1, text != NULL ? text : hex + strlen(hex));
            const char *shown = text != NULL ? text + 1 : "(bad)";
            size_t n = strcspn(shown, "\r\n");
            event(event_stream, "insn", (void *) address);
            print(print_stream, "%.*s", (int) n, shown);
            at = address + bytes;
            event(event_stream, "/insn", (void *) at);
            if (newline) {
                print(print_stream, "\n");
            }
        }
        if (out != NULL) {
            pclose(out);
        }
        event(event_stream, "/insns", (void *) at);
    }
    unlink(path);
    return (void *) at;
}

/* The older entry point, for JVMs that look for it: the code is at its own addresses. */
void *decode_instructions(void *start, void *end, event_callback_t event, void *event_stream,
                          printf_callback_t print, void *print_stream, const char *options) {
    return decode_instructions_virtual((uintptr_t) start, (uintptr_t) end, (unsigned char *) start,
                                       (uintptr_t) end - (uintptr_t) start, event, event_stream, print, print_stream,
                                       options, 0);
}
