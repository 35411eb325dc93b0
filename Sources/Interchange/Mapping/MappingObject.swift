public import EventLog

/// A JSON object from a mapping file, read key by key with errors that name the key.
///
/// Unknown keys are errors rather than ignored: a misspelt `time_zon` silently
/// ignored would import every timestamp wrongly.
public struct MappingObject: Sendable {
    /// The members.
    public let object: JSONObject
    /// The file it came from, for errors.
    public let file: String?
    /// This object's path from the top of the file, such as `data.amount`; empty at the top.
    public let path: String

    /// Wraps an object.
    ///
    /// - Parameters:
    ///   - object: The members.
    ///   - file: The file, for errors.
    ///   - path: The object's path from the top, empty for the top.
    public init(_ object: JSONObject, file: String?, path: String = "") {
        self.object = object
        self.file = file
        self.path = path
    }

    /// Parses a mapping file's bytes into its top-level object.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents, UTF-8 JSON.
    ///   - file: Its name, for errors.
    /// - Returns: The top-level object.
    /// - Throws: ``MappingError`` when the text is not JSON or not an object.
    public static func parse(_ bytes: [UInt8], file: String?) throws(MappingError) -> MappingObject {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw MappingError(file: file, key: "(file)", message: "not JSON: \(error)")
        }
        guard case .object(let object) = value else {
            throw MappingError(file: file, key: "(file)", message: "must be a JSON object")
        }
        return MappingObject(object, file: file)
    }

    /// The path of a member of this object.
    ///
    /// - Parameter key: The member's key.
    /// - Returns: `path.key`, or `key` at the top.
    public func path(of key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    /// An error about one member.
    ///
    /// - Parameters:
    ///   - key: The member's key.
    ///   - message: What is wrong.
    /// - Returns: The error, naming file and path.
    public func error(_ key: String, _ message: String) -> MappingError {
        MappingError(file: file, key: path(of: key), message: message)
    }

    /// Refuses members other than the allowed ones.
    ///
    /// - Parameter allowed: The keys this object may have.
    /// - Throws: ``MappingError`` naming the first unknown key and the allowed ones.
    public func onlyKeys(_ allowed: [String]) throws(MappingError) {
        for key in object.keys where !allowed.contains(key) {
            throw error(key, "unknown key (expected one of: \(allowed.joined(separator: ", ")))")
        }
    }

    /// A string member.
    ///
    /// - Parameter key: The member's key.
    /// - Returns: Its value, or `nil` when absent or `null`.
    /// - Throws: ``MappingError`` when it is present and not a string.
    public func string(_ key: String) throws(MappingError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw error(key, "must be a string") }
        return text
    }

    /// A boolean member.
    ///
    /// - Parameter key: The member's key.
    /// - Returns: Its value, or `nil` when absent or `null`.
    /// - Throws: ``MappingError`` when it is present and not `true` or `false`.
    public func bool(_ key: String) throws(MappingError) -> Bool? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let flag = value.boolValue else { throw error(key, "must be true or false") }
        return flag
    }

    /// An object member.
    ///
    /// - Parameter key: The member's key.
    /// - Returns: It, wrapped with its path, or `nil` when absent or `null`.
    /// - Throws: ``MappingError`` when it is present and not an object.
    public func object(_ key: String) throws(MappingError) -> MappingObject? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let members = value.objectValue else { throw error(key, "must be an object") }
        return MappingObject(members, file: file, path: path(of: key))
    }

    /// An object member whose values are all strings, such as a table of names.
    ///
    /// - Parameter key: The member's key.
    /// - Returns: The pairs in key order, or `[]` when absent.
    /// - Throws: ``MappingError`` naming the first value that is not a string.
    public func stringTable(_ key: String) throws(MappingError) -> [(key: String, value: String)] {
        guard let table = try object(key) else { return [] }
        var pairs: [(key: String, value: String)] = []
        for member in table.object.members {
            guard let text = member.value.stringValue else {
                throw MappingError(file: file, key: table.path + "[\"" + EnvelopeRejection.printableFieldName(member.key) + "\"]", message: "must be a string")
            }
            pairs.append((member.key, text))
        }
        return pairs
    }
}
