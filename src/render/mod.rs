//! Results out for people and programs: [`tables`] writes readable tables,
//! JSON and CSV for articles, model cards and evaluations; [`html`] the
//! evaluation report as one self-contained page; [`page`] classified
//! articles as a page for readers.

pub mod columns;
pub mod html;
pub mod page;
pub mod tables;
