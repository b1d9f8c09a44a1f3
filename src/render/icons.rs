//! archdiag's own glyphs, one per kind of element: simple 16 × 16 line drawings, defined once per SVG as a
//! `<symbol>` and placed with `<use>`, so the SVG carries its icons inside and references nothing outside.

/// The path data of a kind's glyph (drawn with a stroke, no fill), if it has one.
pub fn glyph(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "cluster" => "M8 1.5L14 5V11L8 14.5L2 11V5ZM8 6.2A1.8 1.8 0 1 0 8 9.8A1.8 1.8 0 1 0 8 6.2",
        "control-plane" => "M2 3.5H14V12.5H2ZM4.5 6H11.5M4.5 8H9.5M4.5 10H11.5",
        "api-server" => {
            "M6 3C4.5 3 4.5 4 4.5 5V7L3 8L4.5 9V11C4.5 12 4.5 13 6 13M10 3C11.5 3 11.5 4 11.5 5V7L13 8L11.5 9V11C11.5 12 11.5 13 10 13"
        }
        "etcd" | "database" => "M3 4C3 2 13 2 13 4V12C13 14 3 14 3 12ZM3 4C3 6 13 6 13 4M3 8C3 10 13 10 13 8",
        "worker-node" | "ec2" => {
            "M4.5 4.5H11.5V11.5H4.5ZM6.5 2V4.5M9.5 2V4.5M6.5 11.5V14M9.5 11.5V14M2 6.5H4.5M2 9.5H4.5M11.5 6.5H14M11.5 9.5H14"
        }
        "fargate" => {
            "M4.5 12.5H11.5A3 3 0 0 0 11.2 6.5A4 4 0 0 0 3.8 7.8A2.4 2.4 0 0 0 4.5 12.5ZM8.8 7.5L7 10H9L7.4 12"
        }
        "nodegroup" => "M1.5 5.5H5V11H1.5ZM6.25 5.5H9.75V11H6.25ZM11 5.5H14.5V11H11ZM1.5 13H14.5",
        "agent" => {
            "M8 6.3A1.7 1.7 0 1 0 8 9.7A1.7 1.7 0 1 0 8 6.3M5 4.5A5 5 0 0 0 5 11.5M11 4.5A5 5 0 0 1 11 11.5M3 2.8A7.5 7.5 0 0 0 3 13.2M13 2.8A7.5 7.5 0 0 1 13 13.2"
        }
        "runtime" => "M8 2L14 5V11L8 14L2 11V5ZM2 5L8 8L14 5M8 8V14",
        "registry" => "M2 10V13.5H14V10M8 2V9.5M5 6.5L8 9.5L11 6.5",
        "region" => "M8 2A6 6 0 1 0 8 14A6 6 0 1 0 8 2M2 8H14M8 2C5.5 5 5.5 11 8 14C10.5 11 10.5 5 8 2",
        "az" => "M3.5 2.5H12.5V14H3.5ZM6 5H7M9 5H10M6 8H7M9 8H10M7 14V11H9V14",
        "vpc" => "M8 1.5L13.5 3.5V8C13.5 11 11 13.5 8 14.5C5 13.5 2.5 11 2.5 8V3.5ZM6 8.5L7.5 10L10.5 6.5",
        "task" | "pod" => "M2.5 4.5H13.5V11.5H2.5ZM5.5 4.5V11.5M8 4.5V11.5M10.5 4.5V11.5",
        "user" => "M8 2.5A2.5 2.5 0 1 0 8 7.5A2.5 2.5 0 1 0 8 2.5M3 14C3 10 13 10 13 14",
        "service" => "M8 3A5 5 0 1 0 8 13A5 5 0 1 0 8 3M8 6.5A1.5 1.5 0 1 0 8 9.5A1.5 1.5 0 1 0 8 6.5",
        "network-interface" => "M3 5.5H13V11.5H3ZM5.5 5.5V3.5M8 5.5V3.5M10.5 5.5V3.5M6 8.5H10",
        "queue" => "M2 5H14M2 8H14M2 11H14M11 3L14 5L11 7",
        _ => return None,
    })
}
