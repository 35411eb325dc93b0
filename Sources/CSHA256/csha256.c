// SHA-256 compression with the x86 SHA extensions.
//
// The algorithm is FIPS 180-4 §6.2.2; the instructions are those of Intel's "Intel SHA
// Extensions" white paper (Gulley et al., 2013) and the Intel 64 and IA-32 Architectures
// Software Developer's Manual (SHA256RNDS2, SHA256MSG1, SHA256MSG2; CPUID leaf 7, EBX bit 29).
// The Swift reference implementation is EventLog's SHA256+Compression.swift; the tests
// check that both give the same digests.

#include "csha256.h"

#if defined(__x86_64__)

#include <cpuid.h>
#include <immintrin.h>

// CPUID leaf 1, ECX: SSSE3 (bit 9, for PSHUFB and PALIGNR) and SSE4.1 (bit 19, for PBLENDW).
static const unsigned int ssse3_bit = 1u << 9;
static const unsigned int sse41_bit = 1u << 19;
// CPUID leaf 7, sub-leaf 0, EBX: the SHA extensions (bit 29).
static const unsigned int sha_bit = 1u << 29;

bool ironcage_sha256_hardware_available(void) {
    unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
    // Both helpers return 0 when the CPU does not have the leaf at all.
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        return false;
    }
    const bool has_ssse3_and_sse41 = (ecx & ssse3_bit) != 0 && (ecx & sse41_bit) != 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
        return false;
    }
    return has_ssse3_and_sse41 && (ebx & sha_bit) != 0;
}

// K0…K63 (FIPS 180-4 §4.2.2), aligned so that each group of four loads as one vector.
static const uint32_t round_constants[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// Only the functions below use the extensions; the rest of the file, and the check above,
// run on any x86-64 CPU.
#define SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))
#define SHA_INLINE static inline __attribute__((always_inline)) SHA_TARGET

// W(t)…W(t+3) for the next group of four rounds (FIPS 180-4 §6.2.2, step 1):
// W(t) = σ1(W(t−2)) + W(t−7) + σ0(W(t−15)) + W(t−16), from the previous sixteen words held
// four to a vector, oldest first.
SHA_INLINE __m128i next_schedule_words(__m128i w16, __m128i w12, __m128i w8, __m128i w4) {
    // SHA256MSG1: W(t−16) + σ0(W(t−15)) for the four words.
    __m128i words = _mm_sha256msg1_epu32(w16, w12);
    // W(t−7)…W(t−4): the last three words of w8 and the first of w4.
    words = _mm_add_epi32(words, _mm_alignr_epi8(w4, w8, 4));
    // SHA256MSG2: adds σ1(W(t−2)), taking W(t−2) and W(t−1) from w4 for the first two words
    // and the two it has just computed for the last two.
    return _mm_sha256msg2_epu32(words, w4);
}

// Rounds 4g…4g+3 (FIPS 180-4 §6.2.2, step 3). SHA256RNDS2 runs two rounds on the working
// variables split as (A, B, E, F) and (C, D, G, H); after two rounds the old (A, B, E, F) are
// the new (C, D, G, H), so the two registers swap roles and are back in place after four.
SHA_INLINE void four_rounds(__m128i *abef, __m128i *cdgh, __m128i words, int group) {
    __m128i inputs = _mm_add_epi32(words, _mm_load_si128((const __m128i *)&round_constants[4 * group]));
    *cdgh = _mm_sha256rnds2_epu32(*cdgh, *abef, inputs);
    // The instruction reads K + W of its two rounds from the low 64 bits.
    inputs = _mm_shuffle_epi32(inputs, 0x0e);
    *abef = _mm_sha256rnds2_epu32(*abef, *cdgh, inputs);
}

// H0…H7 as the instructions hold them: lanes (from the lowest) F, E, B, A and H, G, D, C.
struct hash_lanes {
    __m128i abef;
    __m128i cdgh;
};

SHA_INLINE struct hash_lanes load_state(const uint32_t state[8]) {
    const __m128i abcd = _mm_loadu_si128((const __m128i *)&state[0]);
    const __m128i efgh = _mm_loadu_si128((const __m128i *)&state[4]);
    const __m128i badc = _mm_shuffle_epi32(abcd, 0xb1);
    const __m128i hgfe = _mm_shuffle_epi32(efgh, 0x1b);
    return (struct hash_lanes){_mm_alignr_epi8(badc, hgfe, 8), _mm_blend_epi16(hgfe, badc, 0xf0)};
}

SHA_INLINE void store_state(uint32_t state[8], struct hash_lanes lanes) {
    const __m128i abef_reversed = _mm_shuffle_epi32(lanes.abef, 0x1b);  // A, B, E, F
    const __m128i ghcd = _mm_shuffle_epi32(lanes.cdgh, 0xb1);            // G, H, C, D
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(abef_reversed, ghcd, 0xf0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(ghcd, abef_reversed, 8));
}

// Four message words, big-endian in memory (FIPS 180-4 §3.1), into the lanes of a vector.
SHA_INLINE __m128i load_words(const uint8_t *bytes) {
    const __m128i byte_swap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
    return _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)bytes), byte_swap);
}

// H(i) from H(i−1) and one 64-byte block M(i) (FIPS 180-4 §6.2.2, steps 1–4).
SHA_INLINE void compress_block(struct hash_lanes *state, const uint8_t *block) {
    __m128i abef = state->abef;
    __m128i cdgh = state->cdgh;
    __m128i w0 = load_words(block);
    __m128i w1 = load_words(block + 16);
    __m128i w2 = load_words(block + 32);
    __m128i w3 = load_words(block + 48);
    four_rounds(&abef, &cdgh, w0, 0);
    four_rounds(&abef, &cdgh, w1, 1);
    four_rounds(&abef, &cdgh, w2, 2);
    four_rounds(&abef, &cdgh, w3, 3);
    // The schedule rolls through w0…w3, each replaced by the words sixteen rounds on.
    for (int group = 4; group < 16; group += 4) {
        w0 = next_schedule_words(w0, w1, w2, w3);
        four_rounds(&abef, &cdgh, w0, group);
        w1 = next_schedule_words(w1, w2, w3, w0);
        four_rounds(&abef, &cdgh, w1, group + 1);
        w2 = next_schedule_words(w2, w3, w0, w1);
        four_rounds(&abef, &cdgh, w2, group + 2);
        w3 = next_schedule_words(w3, w0, w1, w2);
        four_rounds(&abef, &cdgh, w3, group + 3);
    }
    // Step 4: H(i) = working variables + H(i−1).
    state->abef = _mm_add_epi32(abef, state->abef);
    state->cdgh = _mm_add_epi32(cdgh, state->cdgh);
}

SHA_TARGET
void ironcage_sha256_compress_blocks(uint32_t state[8], const void *blocks, size_t count) {
    const uint8_t *block = blocks;
    struct hash_lanes lanes = load_state(state);
    for (; count > 0; count--, block += 64) {
        compress_block(&lanes, block);
    }
    store_state(state, lanes);
}

SHA_TARGET
void ironcage_sha256_compress_blocks_x2(
    uint32_t first_state[8], const void *first_blocks, uint32_t second_state[8], const void *second_blocks, size_t count
) {
    const uint8_t *first_block = first_blocks;
    const uint8_t *second_block = second_blocks;
    struct hash_lanes first = load_state(first_state);
    struct hash_lanes second = load_state(second_state);
    // The two blocks do not depend on each other, so the CPU runs their rounds side by side.
    for (; count > 0; count--, first_block += 64, second_block += 64) {
        compress_block(&first, first_block);
        compress_block(&second, second_block);
    }
    store_state(first_state, first);
    store_state(second_state, second);
}

#else

#include <stdlib.h>

// No SHA extensions here; Swift uses its own compression.
bool ironcage_sha256_hardware_available(void) {
    return false;
}

void ironcage_sha256_compress_blocks(uint32_t state[8], const void *blocks, size_t count) {
    (void)state;
    (void)blocks;
    (void)count;
    abort();
}

void ironcage_sha256_compress_blocks_x2(
    uint32_t first_state[8], const void *first_blocks, uint32_t second_state[8], const void *second_blocks, size_t count
) {
    (void)first_state;
    (void)first_blocks;
    (void)second_state;
    (void)second_blocks;
    (void)count;
    abort();
}

#endif
