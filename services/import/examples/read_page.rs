//! Prints what the readers make of saved pages: `cargo run -p civic-import --example read_page -- FILE...`.

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        println!("== {path}");
        match civic_import::read::read_page(&bytes, &path) {
            Ok(page) => println!("{page:#?}"),
            Err(e) => println!("error: {e} ({e:?})"),
        }
    }
}
