/* once.c - run a static initializer exactly once across threads.
 *
 * C11 atomics rather than call_once: glibc's call_once goes through an internal pthread_once that
 * ThreadSanitizer does not see, which makes every later read of the initialized data look like a
 * race. The first caller runs fn while the others wait for its release store. */
#include "core.h"

#include <stdatomic.h>
#include <threads.h>

void nf__once(_Atomic int *state, void (*fn)(void))
{
    if (atomic_load_explicit(state, memory_order_acquire) == 2) return;
    int expected = 0;
    if (atomic_compare_exchange_strong_explicit(state, &expected, 1, memory_order_acq_rel,
                                                memory_order_acquire)) {
        fn();
        atomic_store_explicit(state, 2, memory_order_release);
        return;
    }
    while (atomic_load_explicit(state, memory_order_acquire) != 2) thrd_yield(); /* < 1 ms */
}
