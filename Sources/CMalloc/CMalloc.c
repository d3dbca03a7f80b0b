#include "CMalloc.h"

// Any header of the C library says which library it is (__GLIBC__).
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void CMalloc_keepFreedBlocks(int largest, int kept) {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, largest);
  mallopt(M_TRIM_THRESHOLD, kept);
#else
  (void)largest;
  (void)kept;
#endif
}
