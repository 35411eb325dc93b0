extension SHA256 {
    /// The eight 32-bit words H0…H7 of a SHA-256 hash value, host byte order (FIPS 180-4 §6.2).
    ///
    /// A tuple rather than an array so that a hash value lives in registers or on the stack and
    /// hashing allocates nothing.
    typealias HashValue = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// The sixteen 32-bit words M0…M15 of one 512-bit message block, host byte order
    /// (FIPS 180-4 §5.2.1).
    typealias MessageBlock = (
        UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
        UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32
    )

    /// The size of one message block in bytes (FIPS 180-4 §1, Figure 1).
    static let blockByteCount = 64

    /// H(0), the initial hash value (FIPS 180-4 §5.3.3): the first 32 bits of the fractional
    /// parts of the square roots of the first eight primes.
    static let initialHashValue: HashValue = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
        0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )

    /// K0…K63, the round constants (FIPS 180-4 §4.2.2): the first 32 bits of the fractional
    /// parts of the cube roots of the first sixty-four primes.
    static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// Reads one message block from memory.
    ///
    /// The words are big-endian in the message (FIPS 180-4 §3.1, §5.2.1) and are read with
    /// unaligned loads, so blocks are taken straight from the caller's buffer at any offset.
    ///
    /// - Parameters:
    ///   - bytes: The message bytes; at least `offset + 64` of them.
    ///   - offset: Where the block starts in `bytes`.
    /// - Returns: The block's sixteen words in host byte order.
    @inline(__always)
    static func messageBlock(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> MessageBlock {
        @inline(__always)
        func word(_ index: Int) -> UInt32 {
            UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset &+ 4 &* index, as: UInt32.self))
        }
        return (
            word(0), word(1), word(2), word(3), word(4), word(5), word(6), word(7),
            word(8), word(9), word(10), word(11), word(12), word(13), word(14), word(15)
        )
    }

    /// Applies the SHA-256 compression function to one block: H(i) from H(i−1) and M(i)
    /// (FIPS 180-4 §6.2.2, steps 1–4).
    ///
    /// The 64 rounds run as four groups of sixteen. The message schedule W0…W63 (step 1) is kept
    /// as a rolling window of sixteen words, advanced between groups, so it never needs more
    /// than the block's own sixteen words of storage. Everything is inlined into straight-line
    /// code on tuples, which the optimiser keeps in registers and on the stack; on x86-64
    /// (AMD EPYC, Zen 4) this ran about 7% faster than looping over the groups.
    ///
    /// That straight-line code is about 10 KB, so it is kept out of line: inlined into each of
    /// `update` and `finalize`, it made hashing a 330-byte message about 15% slower, as the
    /// copies crowded each other out of the instruction cache.
    ///
    /// - Parameters:
    ///   - state: H(i−1) on entry, H(i) on return.
    ///   - block: M(i), the block's sixteen words.
    @inline(never)
    static func compress(_ state: inout HashValue, _ block: MessageBlock) {
        compressInline(&state, block)
    }

    /// The body of `compress(_:_:)`, for the one caller that gains from inlining it.
    ///
    /// When `block` is a constant, as the padding block of a 64-byte message is, the optimiser
    /// evaluates the whole message schedule at compile time and only the rounds remain.
    ///
    /// - Parameters:
    ///   - state: H(i−1) on entry, H(i) on return.
    ///   - block: M(i), the block's sixteen words.
    @inline(__always)
    static func compressInline(_ state: inout HashValue, _ block: MessageBlock) {
        var schedule = block
        var working = WorkingVariables(state)
        roundConstants.withUnsafeBufferPointer { k in
            working.sixteenRounds(from: 0, schedule, k)
            advance(&schedule)
            working.sixteenRounds(from: 16, schedule, k)
            advance(&schedule)
            working.sixteenRounds(from: 32, schedule, k)
            advance(&schedule)
            working.sixteenRounds(from: 48, schedule, k)
        }
        // Step 4: H(i) = working variables + H(i−1).
        state = (
            state.0 &+ working.a, state.1 &+ working.b, state.2 &+ working.c, state.3 &+ working.d,
            state.4 &+ working.e, state.5 &+ working.f, state.6 &+ working.g, state.7 &+ working.h
        )
    }

    /// Advances the message schedule by sixteen words (FIPS 180-4 §6.2.2, step 1).
    ///
    /// On entry `w.N` holds W(t−16) for each t ≡ N (mod 16) of the next group; on return it
    /// holds W(t) = σ1(W(t−2)) + W(t−7) + σ0(W(t−15)) + W(t−16). Words are replaced in
    /// order, so later lines read this group's fresh words where the formula needs them.
    ///
    /// - Parameters:
    ///   - w: The previous sixteen schedule words, replaced by the next sixteen.
    @inline(__always)
    private static func advance(_ w: inout MessageBlock) {
        w.0 &+= smallSigma1(w.14) &+ w.9 &+ smallSigma0(w.1)
        w.1 &+= smallSigma1(w.15) &+ w.10 &+ smallSigma0(w.2)
        w.2 &+= smallSigma1(w.0) &+ w.11 &+ smallSigma0(w.3)
        w.3 &+= smallSigma1(w.1) &+ w.12 &+ smallSigma0(w.4)
        w.4 &+= smallSigma1(w.2) &+ w.13 &+ smallSigma0(w.5)
        w.5 &+= smallSigma1(w.3) &+ w.14 &+ smallSigma0(w.6)
        w.6 &+= smallSigma1(w.4) &+ w.15 &+ smallSigma0(w.7)
        w.7 &+= smallSigma1(w.5) &+ w.0 &+ smallSigma0(w.8)
        w.8 &+= smallSigma1(w.6) &+ w.1 &+ smallSigma0(w.9)
        w.9 &+= smallSigma1(w.7) &+ w.2 &+ smallSigma0(w.10)
        w.10 &+= smallSigma1(w.8) &+ w.3 &+ smallSigma0(w.11)
        w.11 &+= smallSigma1(w.9) &+ w.4 &+ smallSigma0(w.12)
        w.12 &+= smallSigma1(w.10) &+ w.5 &+ smallSigma0(w.13)
        w.13 &+= smallSigma1(w.11) &+ w.6 &+ smallSigma0(w.14)
        w.14 &+= smallSigma1(w.12) &+ w.7 &+ smallSigma0(w.15)
        w.15 &+= smallSigma1(w.13) &+ w.8 &+ smallSigma0(w.0)
    }

    /// The working variables a…h of FIPS 180-4 §6.2.2, steps 2–3.
    private struct WorkingVariables {
        var a, b, c, d, e, f, g, h: UInt32

        /// b ⊕ c, carried from round to round for Maj (see `round`); not part of FIPS 180-4.
        var bXorC: UInt32

        /// Step 2: initialises a…h from H(i−1).
        ///
        /// - Parameters:
        ///   - state: H(i−1).
        @inline(__always)
        init(_ state: HashValue) {
            (a, b, c, d, e, f, g, h) = state
            bXorC = b ^ c
        }

        /// Runs rounds t…t+15 of step 3.
        ///
        /// Rather than shifting the eight variables down every round, each call names them in
        /// rotated order; after eight rounds the names are back in their original roles.
        ///
        /// - Parameters:
        ///   - t: The first round, a multiple of 16.
        ///   - w: W(t)…W(t+15).
        ///   - k: K0…K63.
        @inline(__always)
        mutating func sixteenRounds(from t: Int, _ w: MessageBlock, _ k: UnsafeBufferPointer<UInt32>) {
            Self.round(a, b, c, &d, e, f, g, &h, &bXorC, k[t] &+ w.0)
            Self.round(h, a, b, &c, d, e, f, &g, &bXorC, k[t &+ 1] &+ w.1)
            Self.round(g, h, a, &b, c, d, e, &f, &bXorC, k[t &+ 2] &+ w.2)
            Self.round(f, g, h, &a, b, c, d, &e, &bXorC, k[t &+ 3] &+ w.3)
            Self.round(e, f, g, &h, a, b, c, &d, &bXorC, k[t &+ 4] &+ w.4)
            Self.round(d, e, f, &g, h, a, b, &c, &bXorC, k[t &+ 5] &+ w.5)
            Self.round(c, d, e, &f, g, h, a, &b, &bXorC, k[t &+ 6] &+ w.6)
            Self.round(b, c, d, &e, f, g, h, &a, &bXorC, k[t &+ 7] &+ w.7)
            Self.round(a, b, c, &d, e, f, g, &h, &bXorC, k[t &+ 8] &+ w.8)
            Self.round(h, a, b, &c, d, e, f, &g, &bXorC, k[t &+ 9] &+ w.9)
            Self.round(g, h, a, &b, c, d, e, &f, &bXorC, k[t &+ 10] &+ w.10)
            Self.round(f, g, h, &a, b, c, d, &e, &bXorC, k[t &+ 11] &+ w.11)
            Self.round(e, f, g, &h, a, b, c, &d, &bXorC, k[t &+ 12] &+ w.12)
            Self.round(d, e, f, &g, h, a, b, &c, &bXorC, k[t &+ 13] &+ w.13)
            Self.round(c, d, e, &f, g, h, a, &b, &bXorC, k[t &+ 14] &+ w.14)
            Self.round(b, c, d, &e, f, g, h, &a, &bXorC, k[t &+ 15] &+ w.15)
        }

        /// One round of step 3, with the variables renamed rather than moved.
        ///
        /// The standard round computes T1 and T2, shifts h←g←f←e←d+T1 and d←c←b←a←T1+T2.
        /// Here only the two variables that receive new values are written: `d` becomes the
        /// next round's e and `h` becomes the next round's a; the caller rotates the names.
        ///
        /// Maj(a, b, c) equals ((a ⊕ b) ∧ (b ⊕ c)) ⊕ b, and this round's a ⊕ b is the next
        /// round's b ⊕ c, so carrying it over saves work in every round. T1 adds Σ1(e), the
        /// slowest term and on the critical path from one round's e to the next, last.
        ///
        /// - Parameters:
        ///   - a: Working variable a.
        ///   - b: Working variable b.
        ///   - c: Working variable c.
        ///   - d: Working variable d; on return, the next round's e.
        ///   - e: Working variable e.
        ///   - f: Working variable f.
        ///   - g: Working variable g.
        ///   - h: Working variable h; on return, the next round's a.
        ///   - bXorC: b ⊕ c on entry; on return, a ⊕ b, the next round's b ⊕ c.
        ///   - roundInput: K(t) + W(t).
        @inline(__always)
        private static func round(
            _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
            _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
            _ bXorC: inout UInt32, _ roundInput: UInt32
        ) {
            let aXorB = a ^ b
            let majority = (aXorB & bXorC) ^ b
            bXorC = aXorB
            let t1 = h &+ roundInput &+ SHA256.choose(e, f, g) &+ SHA256.bigSigma1(e)
            d &+= t1
            h = t1 &+ (SHA256.bigSigma0(a) &+ majority)
        }
    }

    /// ROTR^n(x), the circular right shift (FIPS 180-4 §3.2, item 4); compiles to one rotate.
    @inline(__always)
    private static func rotateRight(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x &>> n) | (x &<< (32 &- n))
    }

    /// Ch(x, y, z) = (x ∧ y) ⊕ (¬x ∧ z) (FIPS 180-4 §4.1.2, 4.2), in an equivalent form with
    /// one operation fewer.
    @inline(__always)
    private static func choose(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 {
        z ^ (x & (y ^ z))
    }

    /// Σ0(x) = ROTR²(x) ⊕ ROTR¹³(x) ⊕ ROTR²²(x) (FIPS 180-4 §4.1.2, 4.4).
    @inline(__always)
    private static func bigSigma0(_ x: UInt32) -> UInt32 {
        rotateRight(x, 2) ^ rotateRight(x, 13) ^ rotateRight(x, 22)
    }

    /// Σ1(x) = ROTR⁶(x) ⊕ ROTR¹¹(x) ⊕ ROTR²⁵(x) (FIPS 180-4 §4.1.2, 4.5).
    @inline(__always)
    private static func bigSigma1(_ x: UInt32) -> UInt32 {
        rotateRight(x, 6) ^ rotateRight(x, 11) ^ rotateRight(x, 25)
    }

    // σ0 and σ1 nest their rotations, since ROTR^m(x) ⊕ ROTR^n(x) = ROTR^m(x ⊕ ROTR^(n−m)(x)):
    // fewer instructions but a longer dependency chain, which suits the message schedule (off
    // the rounds' critical path) but not Σ0 and Σ1 (on it).

    /// σ0(x) = ROTR⁷(x) ⊕ ROTR¹⁸(x) ⊕ SHR³(x) (FIPS 180-4 §4.1.2, 4.6).
    @inline(__always)
    private static func smallSigma0(_ x: UInt32) -> UInt32 {
        rotateRight(x ^ rotateRight(x, 11), 7) ^ (x &>> 3)
    }

    /// σ1(x) = ROTR¹⁷(x) ⊕ ROTR¹⁹(x) ⊕ SHR¹⁰(x) (FIPS 180-4 §4.1.2, 4.7).
    @inline(__always)
    private static func smallSigma1(_ x: UInt32) -> UInt32 {
        rotateRight(x ^ rotateRight(x, 2), 17) ^ (x &>> 10)
    }
}
