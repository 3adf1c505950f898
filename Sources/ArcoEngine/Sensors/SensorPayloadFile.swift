import ArcoCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a payload file that only the owner may read, refusing links on the way.
enum SensorPayloadFile {
    static func write(_ bytes: [UInt8], to path: String, below stateFolder: String) throws {
        let descriptor: Int32
        do {
            descriptor = try StateFiles.open(path, below: stateFolder, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
        } catch {
            throw OperatorError(.ioError, "cannot write the payload file '\(path)': \(error)", hint: "check `ls -ld \(stateFolder)`")
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            guard written > 0 else {
                throw OperatorError(.ioError, "cannot write the payload file '\(path)'", hint: "check the disk: `df -h \(stateFolder)`")
            }
            offset += written
        }
    }
}
