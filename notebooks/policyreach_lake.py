"""Read the PolicyReach lakehouse from notebooks, without a JVM.

The gold tables are Delta tables at ``<root>/<schema>/<table>`` (docs/architecture.md). They are
read with delta-rs (the ``deltalake`` package) at the versions the latest ``meta.publications``
row pins, so a notebook sees exactly what the server serves; a table the publication does not
name is read at its latest version.

The root comes from the environment variable ``POLICYREACH_LAKEHOUSE`` (the same one the CLI
uses), default ``data/lakehouse`` in the repository.
"""

from __future__ import annotations

import os
import warnings
from functools import lru_cache
from pathlib import Path

import pandas as pd
from deltalake import DeltaTable

REPO = Path(__file__).resolve().parent.parent

PREFECTURES = dict(
    zip(
        [f"{i:02d}" for i in range(1, 48)],
        "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県 "
        "新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 "
        "奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 "
        "熊本県 大分県 宮崎県 鹿児島県 沖縄県".split(),
    )
)
SIZE_CLASSES = {"small_scale": "小規模事業者", "sme": "中小企業", "large": "大企業"}
JSIC = {
    "A": "農業，林業", "B": "漁業", "C": "鉱業", "D": "建設業", "E": "製造業",
    "F": "電気・ガス・水道", "G": "情報通信業", "H": "運輸業，郵便業", "I": "卸売業，小売業",
    "J": "金融業，保険業", "K": "不動産業", "L": "学術研究，専門・技術サービス業",
    "M": "宿泊業，飲食サービス業", "N": "生活関連サービス業，娯楽業", "O": "教育，学習支援業",
    "P": "医療，福祉", "Q": "複合サービス事業", "R": "サービス業（他に分類されないもの）",
    "S": "公務", "T": "分類不能の産業",
}


def lakehouse_root() -> str:
    """The lakehouse root: $POLICYREACH_LAKEHOUSE or <repo>/data/lakehouse (a local path or URI)."""
    root = os.environ.get("POLICYREACH_LAKEHOUSE") or str(REPO / "data" / "lakehouse")
    if "://" not in root:
        root = str(Path(root).expanduser().resolve())
        if not Path(root).is_dir():
            raise FileNotFoundError(
                f"Lakehouse not found at {root}: set POLICYREACH_LAKEHOUSE, or build one with "
                "`bin/policyreach demo --no-serve` (writes ./data/lakehouse)."
            )
    return root.rstrip("/")


def table_uri(name: str) -> str:
    """'gold.segments' → '<root>/gold/segments'."""
    schema, _, table = name.partition(".")
    if not table:
        raise ValueError(f"Table name {name!r} needs a schema, e.g. 'gold.segments'")
    return f"{lakehouse_root()}/{schema}/{table}"


def exists(name: str) -> bool:
    uri = table_uri(name)
    return DeltaTable.is_deltatable(uri)


@lru_cache(maxsize=1)
def publication() -> dict:
    """The latest row of meta.publications as a dict ({} when nothing is published yet)."""
    if not exists("meta.publications"):
        return {}
    df = DeltaTable(table_uri("meta.publications")).to_pandas()
    if df.empty:
        return {}
    row = df.sort_values("created_at").iloc[-1].to_dict()
    row["tables"] = dict(row.get("tables") or {})
    return row


def published_version(name: str) -> int | None:
    tables = publication().get("tables", {})
    for key in (name, name.split(".", 1)[-1]):
        if key in tables and tables[key] is not None:
            return int(tables[key])
    return None


def read(name: str, columns: list[str] | None = None, published: bool = True) -> pd.DataFrame:
    """A table as a pandas DataFrame, at its published version when there is one.

    MAP columns arrive as lists of (key, value) pairs; :func:`as_dict` turns them into dicts.
    """
    uri = table_uri(name)
    if not DeltaTable.is_deltatable(uri):
        raise FileNotFoundError(f"{name} is not a Delta table at {uri}: has `build` run?")
    version = published_version(name) if published else None
    dt = DeltaTable(uri, version=version) if version is not None else DeltaTable(uri)
    return dt.to_pandas(columns=columns)


def protocol(name: str) -> dict:
    """Reader/writer protocol and table features, to check what delta-rs is reading."""
    dt = DeltaTable(table_uri(name))
    p = dt.protocol()
    return {
        "table": name,
        "version": dt.version(),
        "min_reader": p.min_reader_version,
        "min_writer": p.min_writer_version,
        "reader_features": p.reader_features,
        "writer_features": p.writer_features,
    }


def as_dict(value) -> dict:
    """A MAP cell (list of pairs, dict, or None) as a dict."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return value
    try:
        return {k: v for k, v in value}
    except (TypeError, ValueError):
        return {}


UNKNOWN = "不明"  # the pipelines write "unknown" for a missing attribute


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v == "unknown"


def label_prefecture(code) -> str:
    return UNKNOWN if _missing(code) else PREFECTURES.get(str(code).zfill(2), str(code))


def label_size(size_class) -> str:
    return UNKNOWN if _missing(size_class) else SIZE_CLASSES.get(size_class, str(size_class))


def label_jsic(letter) -> str:
    return UNKNOWN if _missing(letter) else (f"{letter} {JSIC[letter]}" if letter in JSIC else str(letter))


def need_labels() -> dict[str, str]:
    """need id → Japanese label from conf/needs.yaml (ids as they are when the file is absent)."""
    path = Path(os.environ.get("POLICYREACH_CONF", REPO / "conf")) / "needs.yaml"
    labels: dict[str, str] = {}
    if not path.is_file():
        return labels
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if s.startswith("- id:"):
            current = s.split(":", 1)[1].strip()
        elif s.startswith("label_ja:") and current:
            labels[current] = s.split(":", 1)[1].strip()
    return labels


def setup_japanese_font() -> str | None:
    """Use a Japanese font for matplotlib (Noto Sans CJK JP or IPAexGothic) if one is installed."""
    import matplotlib
    from matplotlib import font_manager

    wanted = ["Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAGothic", "TakaoGothic"]
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in wanted:
        if name in installed:
            matplotlib.rcParams["font.family"] = "sans-serif"
            matplotlib.rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
            matplotlib.rcParams["axes.unicode_minus"] = False
            return name
    warnings.warn(
        "No Japanese font found for matplotlib: labels may show as boxes. "
        "Install one with `apt-get install fonts-noto-cjk` (see notebooks/README.md)."
    )
    return None
