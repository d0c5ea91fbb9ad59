"""The documents a case was read from (a Word or PDF file), kept once per content per case."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from sqlalchemy.orm import Session

from sie_rules.cases.records import DocumentRecord, from_row, now
from sie_rules.cases.schema import DocumentRow
from sie_rules.errors import StoreError


def attach(s: Session, case_id: str, name: str, content: bytes) -> tuple[DocumentRecord, bool]:
    """The document's record, and whether it was new to the case."""
    digest = hashlib.sha256(content).hexdigest()
    row = s.scalars(
        sa.select(DocumentRow).where(DocumentRow.case_id == case_id, DocumentRow.sha256 == digest)
    ).first()
    if row is not None:
        return _record(row), False
    row = DocumentRow(
        case_id=case_id,
        name=name[:200],
        sha256=digest,
        size=len(content),
        content=content,
        added_at=now(),
    )
    s.add(row)
    s.flush()
    return _record(row), True


def of_case(s: Session, case_id: str) -> list[DocumentRecord]:
    rows = s.scalars(
        sa.select(DocumentRow).where(DocumentRow.case_id == case_id).order_by(DocumentRow.id)
    )
    return [_record(r) for r in rows]


def content(s: Session, document_id: int) -> bytes:
    row = s.get(DocumentRow, document_id)
    if row is None:
        raise StoreError(f"no document with id {document_id}")
    return bytes(row.content)


def _record(row: DocumentRow) -> DocumentRecord:
    return from_row(DocumentRecord, row)
