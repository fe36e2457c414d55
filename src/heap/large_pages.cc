// Compiled into each minsheng program (CMakeLists.txt): the programs' heap is mimalloc,
// asked for 2 MiB pages.
//
// Why: a city-scale run allocates gigabytes (a settlement of a million claims peaks at
// 3.4 GiB), and each 4 KiB page is zeroed by a page fault on its first touch. On the
// 2-core machine of docs/settle.md those faults took a fifth of a settlement's CPU
// (settle_bench --books: 7.7 s of system time of 21 s); in 2 MiB pages (the kernel's
// transparent huge pages, which mimalloc asks for with madvise) they are 512 times fewer,
// and the settlement went from 15.6 s to 12.2 s. glibc's malloc asks for them only when
// told by an environment variable read at start-up (GLIBC_TUNABLES), which a program
// cannot set for itself.

#include <mimalloc.h>

namespace {

// Before main and before most allocations: the option applies to the segments mimalloc
// maps from now on. Where the kernel gives no huge pages, mimalloc maps 4 KiB ones.
[[gnu::constructor]] void AskForLargePages() { mi_option_enable(mi_option_large_os_pages); }

}  // namespace
