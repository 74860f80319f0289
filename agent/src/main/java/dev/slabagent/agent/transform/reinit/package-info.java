/**
 * Generation of the reinit parts of a cached class T and of its superclasses, from their class files, without
 * changing any of them.
 *
 * <p>Each application class C of T's chain ({@link dev.slabagent.agent.transform.reinit.Chain}) gets a part
 * ({@code C$$SlabReinit}, in C's package), defined at run time as a hidden nestmate of C (see
 * {@link dev.slabagent.runtime.alloc.AllocBinding}). For each constructor of C that is run it holds a static
 * {@code body(C self, args..)}: a copy of the constructor's code with the same local slots, where
 * {@code super(..)} calls the superclass's part (or the copies of the JDK superclasses' constructors, or becomes
 * {@code POP} for Object's), {@code this(..)} calls the other body, and private {@code invokespecial} becomes
 * {@code invokevirtual}. {@code reset(C)} is the kernel's memset: every instance field of C and of its superclasses
 * back to its default, except preserved fields, whose object is cleared and kept. What a part cannot name (final
 * fields, protected members of superclasses in other packages, JDK superclasses' fields) it reaches through handles
 * taken from its class data. Classes with a constructor anywhere in the chain that cannot be re-run safely are
 * refused with a {@link dev.slabagent.agent.transform.reinit.RefusedException} naming that constructor's class and
 * the reason.
 */
package dev.slabagent.agent.transform.reinit;
