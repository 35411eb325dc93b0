import EventLog
import Testing

@Suite("HashChain")
struct HashChainTests {
    @Test("hashes a leaf as SHA-256 of 0x00 followed by the body")
    func leafIsPrefixedHash() {
        var generator = SplitMix64(seed: 9162)
        for length in [0, 1, 54, 55, 62, 63, 64, 126, 127, 128, 330, 1000] {
            let body = generator.bytes(count: length)
            let leaf = body.withUnsafeBytes { HashChain.leaf(of: $0) }
            #expect(leaf == SHA256.hash([0x00] + body), "body of \(length) bytes")
        }
    }

    @Test("hashes a leaf of every length across the block and padding boundaries, at any alignment")
    func leafEveryLength() {
        var generator = SplitMix64(seed: 6962)
        let buffer = generator.bytes(count: 300)
        for length in 0 ... 260 {
            for offset in [0, 1, 3] {
                let body = Array(buffer[offset ..< offset + length])
                let leaf = buffer.withUnsafeBytes { HashChain.leaf(of: UnsafeRawBufferPointer(rebasing: $0[offset ..< offset + length])) }
                #expect(leaf == SHA256.hash([0x00] + body), "body of \(length) bytes at offset \(offset)")
            }
        }
    }

    @Test("hashes the empty leaf to the RFC 6962/9162 empty-leaf value")
    func emptyLeaf() {
        // SHA-256(0x00), from GNU coreutils `printf '\0' | sha256sum`.
        let leaf = [UInt8]().withUnsafeBytes { HashChain.leaf(of: $0) }
        #expect(leaf.hex == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
    }

    @Test("computes the next head as SHA-256 of the previous head followed by the leaf")
    func nextIsHashOfConcatenation() {
        var previous = HashChain.genesis(logID: "tallinn-2024")
        for event in 0..<50 {
            let leaf = Array("event \(event)".utf8).withUnsafeBytes { HashChain.leaf(of: $0) }
            let head = HashChain.next(after: previous, leaf: leaf)
            #expect(head == SHA256.hash(previous.bytes + leaf.bytes), "event \(event)")
            previous = head
        }
    }

    @Test("binds the genesis head to the log ID with a NUL-terminated prefix")
    func genesisSpelledOut() {
        let spelledOut: [UInt8] = [
            // "IronCage log genesis" NUL
            0x49, 0x72, 0x6f, 0x6e, 0x43, 0x61, 0x67, 0x65, 0x20, 0x6c, 0x6f, 0x67,
            0x20, 0x67, 0x65, 0x6e, 0x65, 0x73, 0x69, 0x73, 0x00,
            // "tallinn-2024"
            0x74, 0x61, 0x6c, 0x6c, 0x69, 0x6e, 0x6e, 0x2d, 0x32, 0x30, 0x32, 0x34,
        ]
        let genesis = HashChain.genesis(logID: "tallinn-2024")
        #expect(genesis == SHA256.hash(spelledOut))
        // From GNU coreutils `printf 'IronCage log genesis\0tallinn-2024' | sha256sum`.
        #expect(genesis.hex == "60fa25b5b68245925f161eaa280569fd6ccbb5a104f830a279b028c6890b2331")
    }

    @Test("gives different logs different genesis heads")
    func genesisDependsOnLogID() {
        #expect(HashChain.genesis(logID: "tallinn-2024") != HashChain.genesis(logID: "tallinn-2025"))
        // From GNU coreutils `printf 'IronCage log genesis\0' | sha256sum`.
        #expect(HashChain.genesis(logID: "").hex == "cd44ad9359d2f2dfd503753adae7f08ad02968d1054ed500cbbe1ade131a2cff")
    }
}
