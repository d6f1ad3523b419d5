//! `statchart`: render, check and compute the figures of chart specs natively.

use clap::{Parser, Subcommand, ValueEnum};
use statchart::embed::{embed_html, EmbedOptions};
use statchart::native::{output_size, render_png, render_svg, social_size};
use statchart::spec::limits::MAX_SPEC_BYTES;
use statchart::{parse_spec, stats, Spec};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "statchart",
    version,
    about = "Statistically honest NPS and employment charts from JSON specs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Draw SPEC (a file, or - for standard input) to an .svg or .png file.
    Render {
        spec: String,
        /// Output file; its extension (.svg or .png) chooses the format.
        #[arg(short, long)]
        output: PathBuf,
        /// Width in CSS pixels (default 640).
        #[arg(long)]
        width: Option<f64>,
        /// Height in CSS pixels (default: what the chart needs at that width).
        #[arg(long)]
        height: Option<f64>,
        /// Device pixels per CSS pixel, for PNG (default 2, for sharp text on phones).
        #[arg(long, default_value_t = 2.0)]
        scale: f64,
        /// A ready-made size: `social` is the 1200×630 PNG of og:image and twitter:image.
        #[arg(long, value_enum, conflicts_with_all = ["width", "height", "scale"])]
        preset: Option<Preset>,
    },
    /// Print the HTML snippet that embeds SPEC: the <stat-chart> element with the spec
    /// (or --src), and inside it a static chart, its summary and data table for readers
    /// without JavaScript, feed readers, crawlers and print.
    Embed {
        spec: String,
        /// Fetch the live figures from this URL; SPEC still draws the static chart.
        #[arg(long)]
        src: Option<String>,
        /// Seconds between fetches of --src.
        #[arg(long, requires = "src")]
        refresh: Option<f64>,
        /// The static chart as an <img> PNG (data URL) instead of inline SVG.
        #[arg(long)]
        image: bool,
        /// Width in CSS pixels the static chart is laid out at (default 640).
        #[arg(long)]
        width: Option<f64>,
        /// Device pixels per CSS pixel of the --image PNG (default 2).
        #[arg(long)]
        scale: Option<f64>,
    },
    /// Validate SPEC: exit 0, or print the bad field and exit 1.
    Check { spec: String },
    /// Print the computed figures of SPEC as JSON.
    Stats { spec: String },
    /// Serve charts over HTTP: POST /render.svg|png, GET /chart.svg|png, GET /feeds/NAME.svg|png.
    #[cfg(feature = "serve")]
    Serve {
        /// Address and port to listen on (port 0: any free port, printed at start).
        #[arg(long, default_value = "127.0.0.1:8787")]
        listen: String,
        /// JSON or TOML file naming the feeds and setting the limits (README "Render service").
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Preset {
    /// 1200×630 pixels: title, chart and source for link previews.
    Social,
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Check { spec } => {
            load(&spec)?;
            Ok(())
        }
        Command::Stats { spec } => {
            let spec = load(&spec)?;
            let figures = stats::chart_stats(&spec).ok_or("no figures to compute")?;
            let json = serde_json::to_string_pretty(&figures).map_err(|e| e.to_string())?;
            println!("{json}");
            Ok(())
        }
        Command::Render {
            spec,
            output,
            width,
            height,
            scale,
            preset,
        } => {
            let spec = load(&spec)?;
            let ext = output
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            let bytes = match (ext.as_deref(), preset) {
                (Some("png"), Some(Preset::Social)) => {
                    render_png(&spec, social_size()).map_err(|e| e.to_string())?
                }
                (_, Some(Preset::Social)) => {
                    return Err(format!(
                        "{}: --preset social writes PNG (networks do not show an SVG og:image); name the output .png",
                        output.display()
                    ))
                }
                (Some("svg"), None) => {
                    let size = output_size(&spec, width, height, 1.0).map_err(|e| e.to_string())?;
                    render_svg(&spec, size)
                        .map_err(|e| e.to_string())?
                        .into_bytes()
                }
                (Some("png"), None) => {
                    let size =
                        output_size(&spec, width, height, scale).map_err(|e| e.to_string())?;
                    render_png(&spec, size).map_err(|e| e.to_string())?
                }
                _ => {
                    return Err(format!(
                        "{}: the output must end in .svg or .png",
                        output.display()
                    ))
                }
            };
            std::fs::write(&output, bytes).map_err(|e| format!("{}: {e}", output.display()))
        }
        Command::Embed {
            spec,
            src,
            refresh,
            image,
            width,
            scale,
        } => {
            let defaults = EmbedOptions::default();
            let options = EmbedOptions {
                src,
                refresh,
                image,
                width: width.unwrap_or(defaults.width),
                scale: scale.unwrap_or(defaults.scale),
            };
            let html = embed_html(&read(&spec)?, &options).map_err(|e| e.to_string())?;
            print!("{html}");
            Ok(())
        }
        #[cfg(feature = "serve")]
        Command::Serve { listen, config } => serve(&listen, config.as_deref()),
    }
}

/// Runs the render service until SIGINT or SIGTERM.
#[cfg(feature = "serve")]
fn serve(listen: &str, config: Option<&Path>) -> Result<(), String> {
    use statchart::serve::config::Config;
    let config = match config {
        Some(path) => Config::load(path)?,
        None => Config::default(),
    };
    if cfg!(panic = "abort") {
        eprintln!(
            "statchart serve: this build aborts on panic, so a bug in one render would end the \
             process; build with `cargo build --profile server`"
        );
    }
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| format!("{listen}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        // Tests and scripts read this line to find the port.
        println!("statchart serve: listening on http://{addr}");
        statchart::serve::serve(listener, config, shutdown_signal())
            .await
            .map_err(|e| e.to_string())
    })
}

/// SIGINT (Ctrl-C) or, on Unix, SIGTERM (what orchestrators send before they stop a copy).
#[cfg(feature = "serve")]
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
}

/// Reads and validates a spec from a file or, for "-", standard input.
fn load(source: &str) -> Result<Spec, String> {
    parse_spec(&read(source)?).map_err(|e| e.to_string())
}

/// Reads a spec's text from a file or, for "-", standard input, up to the size limit.
fn read(source: &str) -> Result<String, String> {
    let mut text = String::new();
    // Read one byte past the limit so an oversized spec is reported, not truncated.
    let limit = MAX_SPEC_BYTES as u64 + 1;
    let result = if source == "-" {
        std::io::stdin().take(limit).read_to_string(&mut text)
    } else {
        std::fs::File::open(Path::new(source)).and_then(|f| f.take(limit).read_to_string(&mut text))
    };
    result.map_err(|e| format!("{source}: {e}"))?;
    Ok(text)
}
