/**
 * Generation of the reinit class of a cached class T, from T's class file, without changing T.
 *
 * <p>The generated class ({@code T$$SlabReinit}, in T's package) is defined at run time as a hidden
 * nestmate of T (see {@link dev.slabagent.runtime.alloc.AllocBinding}). For each constructor it holds a
 * static {@code body(T self, args..)}: a copy of the constructor's code with the same local slots, where
 * {@code super()} (to Object) becomes {@code POP}, {@code this(..)} calls the other body, private
 * {@code invokespecial} becomes {@code invokevirtual}, and final-field stores go through setters taken
 * from class data. {@code reset(T)} is the kernel's memset: every instance field back to its default,
 * except preserved fields, whose object is cleared and kept. Classes whose constructors cannot be re-run
 * safely are refused with a {@link dev.slabagent.agent.transform.reinit.RefusedException} naming the reason.
 */
package dev.slabagent.agent.transform.reinit;
