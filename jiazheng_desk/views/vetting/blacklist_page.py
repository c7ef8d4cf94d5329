"""Workers & vetting → Blacklist: the franchise's list, add a person with the evidence,
release one with its own reason (the entry stays, marked released)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import blacklist
from jiazheng_desk.services.blacklist import BlacklistView
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.dialogs import ask_text, show_failure
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.vetting import texts
from jiazheng_desk.views.vetting.dialogs import BlacklistDialog
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import make_table, selected_row

GREY = QBrush(QColor("#8a8f98"))


class BlacklistPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QWidget | None = None
        self.question: QWidget | None = None
        self.search = QLineEdit(self)
        self.search.setObjectName("blacklistSearch")
        self.search.setPlaceholderText(self.tr("Name, phone, or a whole ID number"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.show_released = QCheckBox(self.tr("Show released"), self)
        self.show_released.setObjectName("showReleased")
        self.count = QLabel(self)
        self.count.setObjectName("blacklistCount")
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.add_button.setObjectName("addBlacklist")
        self.release_button = QPushButton(self.tr("Release…"), self)
        self.release_button.setObjectName("releaseBlacklist")
        self.detail = QLabel(self)
        self.detail.setObjectName("blacklistDetail")
        self.detail.setWordWrap(True)
        self.model = PagedTableModel(ctx.runner, self._columns(), key="blacklist.list", parent=self)
        self.table = make_table(self.model, self, "blacklistTable", descending=True)
        self.model.loaded.connect(lambda n: self.count.setText(self.tr("{n} entries").format(n=n)))
        self.model.load_failed.connect(lambda f: self.count.setText(f.message))

        top = QHBoxLayout()
        for w in (self.search, self.show_released, self.add_button, self.release_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.show_released.toggled.connect(lambda _b: self.reload())
        self.add_button.clicked.connect(self.add)
        self.release_button.clicked.connect(self.release)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected_changed())
        self._selected_changed()
        self.reload()

    def _columns(self) -> list[Column]:
        tz = self.ctx.tz

        def grey(v: BlacklistView) -> object:
            return None if v.active else GREY

        def state(v: BlacklistView) -> str:
            if v.active:
                return self.tr("Listed")
            return self.tr("Released {day} by {who}").format(
                day=fmt.local_time(v.released_at, tz)[:10], who=v.released_by_name or "—"
            )

        return [
            Column(self.tr("Name"), lambda v: v.name, "name", foreground=grey),
            Column(self.tr("Mobile phone"), lambda v: v.phone, None, foreground=grey),
            Column(
                self.tr("ID number"),
                lambda v: self.tr("on file") if v.has_id_number else "—",
                None,
                foreground=grey,
            ),
            Column(
                self.tr("Reason"),
                lambda v: texts.reason_type_name(v.reason_type),
                "reason_type",
                foreground=grey,
            ),
            Column(
                self.tr("Evidence"),
                lambda v: v.evidence,
                None,
                tooltip=lambda v: v.evidence,
                foreground=grey,
            ),
            Column(self.tr("Added by"), lambda v: v.added_by_name, None, foreground=grey),
            Column(
                self.tr("Added"),
                lambda v: fmt.local_time(v.added_at, tz),
                "added_at",
                foreground=grey,
            ),
            Column(self.tr("State"), state, "released_at", foreground=grey),
        ]

    def reload(self) -> None:
        flt = blacklist.BlacklistFilter(
            text=self.search.text(), include_released=self.show_released.isChecked()
        )
        self.model.set_fetch(list_fetch(blacklist.list_blacklist, actor=self.ctx.actor, flt=flt))

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "blacklist" in changes:
            self.reload()

    def selected(self) -> BlacklistView | None:
        item = self.model.item(selected_row(self.table))
        return item if isinstance(item, BlacklistView) else None

    def _selected_changed(self) -> None:
        entry = self.selected()
        self.release_button.setEnabled(entry is not None and entry.active)
        if entry is None:
            self.detail.setText("")
            return
        text = self.tr("Evidence: {evidence}").format(evidence=entry.evidence)
        if not entry.active:
            text += "\n" + self.tr("Released: {reason}").format(reason=entry.release_reason)
        self.detail.setText(text)

    def add(self) -> None:
        dialog = BlacklistDialog(self.ctx, self)
        self.dialog = dialog
        dialog.open()

    def release(self) -> None:
        entry = self.selected()
        if entry is None or not entry.active:
            return

        def apply(reason: str) -> None:
            self.ctx.runner.run_command(
                blacklist.release_entry,
                actor=self.ctx.actor,
                entry_id=entry.id,
                reason=reason,
                on_error=self._refused,
                changes={"blacklist", "vetting", "audit"},
            )

        self.question = ask_text(
            self,
            self.tr("Release {name} from the blacklist").format(name=entry.name),
            self.tr("Reason (kept with the entry and in the audit log):"),
            apply,
            name="releaseReason",
        )

    def _refused(self, failure: TaskFailure) -> None:
        self.question = show_failure(self, failure)
