extension EventSchemas {
    /// Loads every `*.json` schema file of a directory (see `Rules/schemas/README.md`).
    ///
    /// - Parameter directory: e.g. `Rules/schemas`.
    /// - Throws: `EventSchemaError` naming the file and the key at fault; `IOError` when
    ///   the directory or a file cannot be read.
    public static func load(directory: String) throws -> EventSchemas {
        var schemas = EventSchemas()
        for name in try schemaFileNames(in: directory) {
            let file = directory + "/" + name
            let root: JSONValue
            do {
                root = try JSONParser.parse(try FileContents.read(file))
            } catch let error as JSONParseError {
                throw EventSchemaError(file: file, key: nil, message: "not JSON: \(error)")
            }
            guard case .object(let events)? = root["events"] else {
                throw EventSchemaError(file: file, key: "events", message: "expected an object of event types")
            }
            for (type, spec) in events.members {
                if let other = schemas.files[type] {
                    throw EventSchemaError(file: file, key: "events.\(type)", message: "already documented in \(other)")
                }
                guard case .object(let data)? = spec["data"] else {
                    throw EventSchemaError(file: file, key: "events.\(type).data", message: "expected an object of fields")
                }
                schemas.events[type] = try fields(data, file: file, path: "events.\(type).data")
                schemas.files[type] = file
            }
        }
        return schemas
    }

    private static func schemaFileNames(in directory: String) throws -> [String] {
        try listDirectory(directory).filter { $0.hasSuffix(".json") }.sorted()
    }

    private static func fields(_ object: JSONObject, file: String, path: String) throws -> [String: Field] {
        var result: [String: Field] = [:]
        for (name, spec) in object.members {
            let key = path + "." + name
            guard case .string(let type)? = spec["type"], fieldTypes.contains(type) else {
                throw EventSchemaError(file: file, key: key + ".type", message: "expected one of \(fieldTypes.sorted().joined(separator: ", "))")
            }
            var values: [JSONValue]?
            if let listed = spec["values"] {
                guard case .array(let elements) = listed else { throw EventSchemaError(file: file, key: key + ".values", message: "expected an array") }
                values = elements
            }
            var items: String?
            if let itemType = spec["items"] {
                guard case .string(let text) = itemType, fieldTypes.contains(text) else {
                    throw EventSchemaError(file: file, key: key + ".items", message: "expected a field type")
                }
                items = text
            }
            var members: [String: Field] = [:]
            if let inner = spec["fields"] {
                guard case .object(let innerObject) = inner else { throw EventSchemaError(file: file, key: key + ".fields", message: "expected an object") }
                members = try fields(innerObject, file: file, path: key + ".fields")
            }
            var required = false
            if let flag = spec["required"] {
                guard case .bool(let value) = flag else { throw EventSchemaError(file: file, key: key + ".required", message: "expected true or false") }
                required = value
            }
            result[name] = Field(type: type, required: required, values: values, items: items, fields: members)
        }
        return result
    }
}

/// A schema file that cannot be used, with the file and the key at fault.
public struct EventSchemaError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var key: String?
    public var message: String

    public var description: String { "\(file)" + (key.map { ": \($0)" } ?? "") + ": \(message)" }
}
