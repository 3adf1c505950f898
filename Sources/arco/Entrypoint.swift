import ArcoCLI
import Foundation

/// The `arco` executable: everything lives in ArcoCLI; this only hands over the process.
@main
struct Entrypoint {
    static func main() async {
        let status = await ArcoMain.run()
        fflush(nil)
        exit(status)
    }
}
