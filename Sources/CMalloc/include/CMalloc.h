// CMalloc: the C library's allocator settings (mallopt), which Swift's Glibc module leaves out.
// Only TerminalKit/ScreenMemory.swift imports it.
#ifndef CMALLOC_H
#define CMALLOC_H

/// Keeps freed blocks of up to `largest` bytes for reuse, and up to `kept` bytes of freed heap,
/// where the C library allows it (glibc); elsewhere it does nothing.
void CMalloc_keepFreedBlocks(int largest, int kept);

#endif
