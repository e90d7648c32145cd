fn main() {
    std::process::exit(bigdata_lint::cli::main(std::env::args_os()));
}
