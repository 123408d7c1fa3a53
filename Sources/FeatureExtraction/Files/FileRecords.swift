#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in fixed-size chunks and hands out its records (lines) as byte buffers, without building
/// strings, so that parsing a large file costs little more than scanning its bytes once.
///
/// A record ends at `\n` (a preceding `\r` is dropped). When `quote` is given, a newline between two quote
/// characters belongs to the record, as in RFC 4180 CSV. Every buffer handed out is followed in memory by a
/// byte that is not part of any number (the newline itself, or a 0 at the end of the data), so a number can
/// be converted in place with `strtod`.
enum FileRecords {
    /// Calls `body` with each record and the 1-based line number on which it starts.
    /// - Parameters:
    ///   - path: the file to read.
    ///   - quote: the quote character whose quoted sections may contain newlines, if any.
    ///   - chunkSize: the number of bytes read at a time (the buffer grows for a longer record).
    ///   - body: receives the record and its line; returns false to stop reading.
    /// - Throws: ``FeatureExtractionError`` when the file cannot be read; whatever `body` throws.
    static func forEach(
        path: String, quote: UInt8? = nil, chunkSize: Int = 1 << 20,
        _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Bool
    ) throws {
        guard let file = fopen(path, "rb") else {
            throw FeatureExtractionError(code: "file.unreadable", message: "cannot open the file: \(String(cString: strerror(errno)))", location: path)
        }
        defer { fclose(file) }
        var capacity = max(16, chunkSize)
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 1)
        defer { buffer.deallocate() }
        var filled = 0 // bytes in the buffer
        var line = 1
        let quoteChar: UInt8 = quote ?? 0
        let quoting = quote != nil
        var atEnd = false
        while !atEnd {
            if filled == capacity {
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2 + 1)
                bigger.update(from: buffer, count: filled)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            let n = fread(buffer + filled, 1, capacity - filled, file)
            if n == 0 {
                if ferror(file) != 0 {
                    throw FeatureExtractionError(code: "file.unreadable", message: "read error: \(String(cString: strerror(errno)))", location: "\(path):\(line)")
                }
                atEnd = true
            }
            filled += n
            buffer[filled] = 0
            var start = 0
            var i = 0
            var inQuotes = false
            var newlinesInRecord = 0
            // Without a quote in the chunk, records end at every newline: let memchr find them.
            if !quoting || memchr(buffer, Int32(quoteChar), filled) == nil {
                while start < filled, let hit = memchr(buffer + start, 10, filled - start) {
                    let newline = hit.assumingMemoryBound(to: UInt8.self) - buffer
                    var end = newline
                    if end > start && buffer[end - 1] == 13 { end -= 1 }
                    guard try body(UnsafeBufferPointer(start: buffer + start, count: end - start), line) else { return }
                    line += 1
                    start = newline + 1
                }
                i = filled
            }
            while i < filled {
                let b = buffer[i]
                if b == 10 && !inQuotes {
                    var end = i
                    if end > start && buffer[end - 1] == 13 { end -= 1 }
                    guard try body(UnsafeBufferPointer(start: buffer + start, count: end - start), line) else { return }
                    line += 1 + newlinesInRecord
                    newlinesInRecord = 0
                    start = i + 1
                } else if quoting && b == quoteChar {
                    inQuotes.toggle()
                } else if b == 10 {
                    newlinesInRecord += 1
                }
                i += 1
            }
            if atEnd {
                if start < filled {
                    var end = filled
                    if buffer[end - 1] == 13 { end -= 1 }
                    _ = try body(UnsafeBufferPointer(start: buffer + start, count: end - start), line)
                }
                return
            }
            // Keep the unfinished record for the next chunk; it is rescanned from its start.
            let rest = filled - start
            if start > 0 { memmove(buffer, buffer + start, rest) }
            filled = rest
        }
    }
}
