//! Any plotters backend paired with a text measurer: how statchart draws on
//! backends that cannot measure text themselves (plotters' SVG backend).

use super::{Measure, Surface};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

pub struct Measured<B, M> {
    pub backend: B,
    pub measure: M,
}

impl<B: DrawingBackend, M: Measure> Measure for Measured<B, M> {
    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        self.measure.text_width(text, size, bold)
    }
}

impl<B: DrawingBackend, M: Measure> Surface for Measured<B, M> {}

type Result<E> = std::result::Result<(), DrawingErrorKind<E>>;

/// Forwards every drawing call to the wrapped backend.
impl<B: DrawingBackend, M: Measure> DrawingBackend for Measured<B, M> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.backend.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<B::ErrorType> {
        self.backend.ensure_prepared()
    }
    fn present(&mut self) -> Result<B::ErrorType> {
        self.backend.present()
    }
    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Result<B::ErrorType> {
        self.backend.draw_pixel(p, c)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
    ) -> Result<B::ErrorType> {
        self.backend.draw_line(a, b, s)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Result<B::ErrorType> {
        self.backend.draw_rect(a, b, s, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<B::ErrorType> {
        self.backend.draw_path(path, s)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        r: u32,
        s: &S,
        fill: bool,
    ) -> Result<B::ErrorType> {
        self.backend.draw_circle(c, r, s, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        v: I,
        s: &S,
    ) -> Result<B::ErrorType> {
        self.backend.fill_polygon(v, s)
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        s: &T,
        p: BackendCoord,
    ) -> Result<B::ErrorType> {
        self.backend.draw_text(text, s, p)
    }
}
