#pragma once
// Actor stacks for a run that could start more actors than guard pages allow
// (config/actor_budget.hpp). Shared by Simulation and the floor benchmark (bench/), so that the
// two lay out large fleets alike. Both must run before any actor exists.
namespace dsdsi {

// No guard pages, and every stack a lazily backed memory mapping of its own. SimGrid allocates
// a stack without a guard page with calloc, and it costs only the pages its actor touches when
// glibc gives the block a mapping of its own; from the heap, calloc zeroes much of it. glibc
// maps blocks above a threshold that grows with every large block freed (to 32 MiB), and at
// most 65,536 of them: 150,000 clients took 16 GB, their stacks in the heap. Both are pinned:
// blocks of 128 KiB and more are mapped, any number.
void drop_guard_pages();

// Stacks of kLargeFleetStackKiB rather than SimGrid's 8 MiB. Each actor touches three pages of
// its stack wherever it lies, but the kernel's page tables cost a page per 2 MiB of address
// space holding a touched page, so 8 MiB stacks cost one more page per actor, outside the
// resident set: 4.06 GB at 1,000,000 clients, 1.0 GB with 512 KiB (measured). dsdsi's actors
// use under 32 KiB (every simulation test passes with 32 KiB stacks and guard pages). Not
// smaller: glibc often carves a 128 KiB block from its heap instead of mapping it, and calloc
// then zeroes it whole (5.8 GB instead of 1.9 at 100,000 clients).
void use_large_fleet_stacks();

}  // namespace dsdsi
