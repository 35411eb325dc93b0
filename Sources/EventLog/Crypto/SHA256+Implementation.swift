import CSHA256

extension SHA256 {
    /// Which SHA-256 compression function a hasher runs.
    ///
    /// Both compute the same function (FIPS 180-4 §6.2.2); the tests hold each to the published
    /// vectors and to each other. Hashers use `preferred` unless told otherwise, which only tests
    /// do.
    enum Implementation: Sendable, CustomStringConvertible {
        /// The Swift code in `SHA256+Compression.swift`: the reference, and the fallback on every
        /// CPU without the SHA extensions.
        case portable
        /// The x86 SHA extensions (SHA-NI: SHA256RNDS2, SHA256MSG1, SHA256MSG2), through the C
        /// module CSHA256. About 37 ns a block on this project's machine (AMD EPYC), against
        /// about 165 ns for `portable`.
        case shaExtensions

        /// The fastest implementation this CPU can run, found once per process from CPUID.
        static let preferred: Implementation = ironcage_sha256_hardware_available() ? .shaExtensions : .portable

        /// Every implementation this CPU can run, the reference first.
        static var available: [Implementation] {
            preferred == .portable ? [.portable] : [.portable, preferred]
        }

        var description: String {
            switch self {
            case .portable: "portable Swift"
            case .shaExtensions: "x86 SHA extensions"
            }
        }
    }

    /// Compresses whole message blocks into a hash value (FIPS 180-4 §6.2.2).
    ///
    /// - Parameters:
    ///   - state: H(i−1) on entry, H(i+count−1) on return.
    ///   - blocks: `count` × 64 message bytes, at any alignment.
    ///   - count: How many blocks to compress.
    ///   - implementation: The compression function to run; `.shaExtensions` only where
    ///     `Implementation.preferred` is.
    @inline(__always)
    static func compress(_ state: inout HashValue, blocks: UnsafeRawPointer, count: Int, using implementation: Implementation) {
        switch implementation {
        case .shaExtensions:
            withUnsafeMutablePointer(to: &state) { words in
                // A homogeneous tuple is laid out as an array of its element type.
                words.withMemoryRebound(to: UInt32.self, capacity: 8) { ironcage_sha256_compress_blocks($0, blocks, count) }
            }
        case .portable:
            let bytes = UnsafeRawBufferPointer(start: blocks, count: count &* blockByteCount)
            var offset = 0
            while offset < bytes.count {
                compress(&state, messageBlock(bytes, at: offset))
                offset &+= blockByteCount
            }
        }
    }
}
