import ArcoCLI
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The `arco` executable: everything lives in ArcoCLI; this only hands over the process.
@main
struct Entrypoint {
    static func main() async {
        #if canImport(Glibc)
            // Commands run on a dispatch thread, whose malloc arena grows its heap in small
            // `mprotect` steps; padding each growth by 64 MiB of address space (touched pages only
            // cost memory) took 15% off `arco asset show` of 100,000 partitions.
            // Swift's Glibc module leaves out malloc.h, so mallopt is looked up; M_TOP_PAD is -2.
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
                let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
                _ = mallopt(-2, 64 << 20)
            }
        #endif
        let status = await ArcoMain.runProcess()
        fflush(nil)
        exit(status)
    }
}
