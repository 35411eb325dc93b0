#ifndef IRONCAGE_CSHA256_H
#define IRONCAGE_CSHA256_H

// The SHA-256 compression function on the x86 SHA extensions (SHA-NI), for EventLog's
// `SHA256`, which keeps its pure-Swift compression as the reference and the fallback.
// Everything else (buffering, padding, digests) stays in Swift; this module is imported
// internally and never appears in a public Swift signature.

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// Whether this process may call `ironcage_sha256_compress_blocks`: the CPU reports the SHA
/// extensions, SSSE3 and SSE4.1. Always false on other architectures.
bool ironcage_sha256_hardware_available(void);

/// Applies the SHA-256 compression function (FIPS 180-4 §6.2.2) to `count` consecutive
/// 64-byte message blocks.
///
/// `state` is H0…H7 in host byte order, H(i−1) on entry and H(i+count−1) on return. `blocks`
/// is the message bytes as they appear in the message (words big-endian, FIPS 180-4 §3.1);
/// it need not be aligned.
///
/// Call it only when `ironcage_sha256_hardware_available()` returned true: elsewhere it stops
/// the process.
void ironcage_sha256_compress_blocks(uint32_t state[8], const void *blocks, size_t count);

/// Two independent `ironcage_sha256_compress_blocks` calls of `count` blocks each, interleaved.
///
/// One message's rounds wait on each other (SHA256RNDS2's latency, not its throughput, bounds
/// them), so two messages side by side take about 60% of the time of one after the other on
/// this project's machine. Same conditions as `ironcage_sha256_compress_blocks`.
void ironcage_sha256_compress_blocks_x2(
    uint32_t first_state[8], const void *first_blocks, uint32_t second_state[8], const void *second_blocks, size_t count
);

#endif
