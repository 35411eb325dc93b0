@testable import EventLog
import Foundation
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    /// The example messages of FIPS 180-4 (NIST "SHA256.pdf", "SHA2_Additional.pdf" and the
    /// FIPS 180-2 appendix B), with their published digests.
    static let examples: [(message: String, digest: String)] = [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ]

    /// NIST's digest of one million repetitions of "a".
    static let millionAsDigest = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

    /// Every compression function this CPU can run; each test below runs once per entry.
    static let implementations = SHA256.Implementation.available

    @Test("hashes the FIPS 180-4 example messages to their published digests", arguments: examples, implementations)
    func fipsExample(example: (message: String, digest: String), implementation: SHA256.Implementation) {
        if implementation == .preferred {
            #expect(SHA256.hash(example.message).hex == example.digest)
            #expect(SHA256.hash(Array(example.message.utf8)).hex == example.digest)
        }
        var hasher = SHA256(implementation: implementation)
        hasher.update(example.message)
        #expect(hasher.finalize().hex == example.digest)
    }

    @Test("hashes one million 'a' in one call to NIST's digest", arguments: implementations)
    func millionAsInOneCall(implementation: SHA256.Implementation) {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Self.hash(message, using: implementation).hex == Self.millionAsDigest)
    }

    @Test("hashes one million 'a' fed in uneven chunks to the same digest as in one call", arguments: implementations)
    func millionAsInUnevenChunks(implementation: SHA256.Implementation) {
        let chunkSizes = [1, 7, 63, 64, 65, 127, 0, 129, 1000, 4097, 3]
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: chunkSizes.max() ?? 0)
        var hasher = SHA256(implementation: implementation)
        var remaining = 1_000_000
        var turn = 0
        while remaining > 0 {
            let size = min(chunkSizes[turn % chunkSizes.count], remaining)
            chunk.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<size])) }
            remaining -= size
            turn += 1
        }
        #expect(hasher.finalize().hex == Self.millionAsDigest)
    }

    /// Messages of bytes 0, 1, 2, … around the padding boundaries of FIPS 180-4 §5.1.1: 55 bytes
    /// is the longest that pads into one block, 56 the shortest that needs two, and 63–65 straddle
    /// a block. Digests obtained from GNU coreutils `sha256sum`.
    @Test(
        "hashes messages at the padding boundaries to the digests sha256sum gives",
        arguments: [
            (55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"),
            (56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"),
            (63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"),
            (64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"),
            (65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"),
        ],
        implementations
    )
    func paddingBoundary(boundary: (length: Int, digest: String), implementation: SHA256.Implementation) {
        let message = (0..<boundary.length).map { UInt8($0) }
        #expect(Self.hash(message, using: implementation).hex == boundary.digest)
    }

    @Test("gives the same digest however a message is split between two updates")
    func everySplitPoint() {
        var generator = SplitMix64(seed: 0x5348_4132_3536)
        let message = generator.bytes(count: 200)
        let expected = SHA256.hash(message)
        for split in 0...message.count {
            var hasher = SHA256()
            hasher.update(Array(message[..<split]))
            hasher.update(Array(message[split...]))
            #expect(hasher.finalize() == expected, "split at \(split)")
        }
    }

    @Test("reads a message at any alignment in the caller's buffer")
    func unalignedInput() {
        var generator = SplitMix64(seed: 7)
        let message = generator.bytes(count: 330)
        let expected = SHA256.hash(message)
        for start in 0..<8 {
            let buffer = [UInt8](repeating: 0xff, count: start) + message
            let digest = buffer.withUnsafeBytes { SHA256.hash(UnsafeRawBufferPointer(rebasing: $0[start...])) }
            #expect(digest == expected, "message at offset \(start)")
        }
    }

    @Test("hashes a string as its UTF-8 bytes")
    func stringIsUTF8() {
        let text = "Tallinn – 補正 ✓"
        // Digest obtained from GNU coreutils `printf 'Tallinn – 補正 ✓' | sha256sum`.
        let expected = "d59a5a14a855c469fb394199a450c130ed903884f2a7a27aeaa62daa5120e432"
        #expect(SHA256.hash(text).hex == expected)
        #expect(SHA256.hash(Array(text.utf8)).hex == expected)
        var hasher = SHA256()
        hasher.update("Tallinn – ")
        hasher.update("補正 ✓")
        #expect(hasher.finalize().hex == expected)
    }

    @Test("lets a copied hasher continue independently of the original")
    func copiedHasherIsIndependent() {
        var prefix = SHA256()
        prefix.update("ab")
        var withC = prefix
        withC.update("c")
        #expect(withC.finalize().hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // SHA-256("ab"), from GNU coreutils `printf ab | sha256sum`.
        #expect(prefix.finalize().hex == "fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603")
    }

    @Test("leaves a hasher that is used again after finalize() holding the message so far")
    func finalizeDoesNotDisturbTheHasher() {
        var hasher = SHA256()
        hasher.update("ab")
        let ab = hasher.finalize()
        hasher.update("c")
        // SHA-256("ab"), from GNU coreutils `printf ab | sha256sum`.
        #expect(ab.hex == "fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603")
        #expect(hasher.finalize().hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("agrees with sha256sum on pseudo-random messages of every length from 0 to 1000 bytes")
    func agreesWithSystemSHA256Sum() throws {
        var generator = SplitMix64(seed: 2024)
        let messages = (0...1000).map { generator.bytes(count: $0) }

        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ironcage-sha256-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let names = messages.indices.map { "message-\($0)" }
        for (name, message) in zip(names, messages) {
            try Data(message).write(to: directory.appendingPathComponent(name))
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.currentDirectoryURL = directory
        process.arguments = names
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // Read before waiting: the output is larger than a pipe's buffer.
        let listing = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        // Each line is "<64 hex digits>  <file name>".
        var systemDigests: [String: String] = [:]
        for line in String(decoding: listing, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            try #require(fields.count == 2, "unexpected sha256sum line: \(line)")
            systemDigests[String(fields[1])] = String(fields[0])
        }
        #expect(systemDigests.count == messages.count)
        for implementation in Self.implementations {
            for (name, message) in zip(names, messages) {
                #expect(
                    Self.hash(message, using: implementation).hex == systemDigests[name],
                    "length \(message.count), \(implementation)")
            }
        }
    }

    /// Hashes a message with the given compression function.
    static func hash(_ message: [UInt8], using implementation: SHA256.Implementation) -> SHA256Digest {
        var hasher = SHA256(implementation: implementation)
        hasher.update(message)
        return hasher.finalize()
    }
}
