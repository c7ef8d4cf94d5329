"""The officer's dialogs: interview, certificate, the decisions, a blacklist entry.

Each one runs a single service command; a refusal is shown beside its field and the
dialog stays open with what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from jiazheng_desk.services import blacklist, certificates, vetting_decisions, vetting_recorded
from jiazheng_desk.services.branches import DistrictView
from jiazheng_desk.services.catalog import SkillView as CatalogSkill
from jiazheng_desk.services.vetting import CaseView, DocumentView
from jiazheng_desk.services.vetting_decisions import SkillGrant
from jiazheng_desk.services.vetting_recorded import CertificateCheck
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.vetting import texts
from jiazheng_desk.views.widgets.form import FormDialog

CHANGES = {"vetting", "workers", "audit"}


def _text_box(parent: QWidget, name: str, height: int = 80) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setObjectName(name)
    box.setFixedHeight(height)
    return box


class InterviewDialog(FormDialog):
    def __init__(self, ctx: DeskContext, case: CaseView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interviewDialog")
        self.setWindowTitle(self.tr("Interview with {name}").format(name=case.name))
        self.ctx, self.case = ctx, case
        self.in_person = QRadioButton(self.tr("In person"), self)
        self.in_person.setObjectName("inPerson")
        self.in_person.setChecked(True)
        self.video = QRadioButton(self.tr("By video"), self)
        self.video.setObjectName("byVideo")
        self.notes = _text_box(self, "interviewNotes", 120)
        self.passed = QComboBox(self)
        self.passed.setObjectName("interviewResult")
        self.passed.addItem(self.tr("Passed"), True)
        self.passed.addItem(self.tr("Failed"), False)
        self.add_row("mode", self.tr("How"), self.in_person)
        self.form.addRow("", self.video)
        self.add_row("notes", self.tr("Notes"), self.notes)
        self.add_row("passed", self.tr("Result"), self.passed)

    def save(self) -> None:
        self.ctx.runner.run_command(
            vetting_recorded.record_interview,
            actor=self.ctx.actor,
            case_id=self.case.id,
            mode="video" if self.video.isChecked() else "in_person",
            notes=self.notes.toPlainText(),
            passed=bool(self.passed.currentData()),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )


class CertificateDialog(FormDialog):
    """What the officer reads off the certificate's photo; accept it or refuse it."""

    def __init__(
        self, ctx: DeskContext, case: CaseView, doc: DocumentView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("certificateDialog")
        self.setWindowTitle(self.tr("Verify certificate"))
        self.ctx, self.case, self.doc = ctx, case, doc
        self.cert_type = QComboBox(self)
        self.cert_type.setObjectName("certType")
        for name in certificates.CERT_TYPES:
            self.cert_type.addItem(name, name)
        self.cert_type.setCurrentIndex(max(0, self.cert_type.findData(doc.cert_type)))
        self.number = QLineEdit(doc.number, self)
        self.number.setObjectName("certNumber")
        self.issuer = QLineEdit(doc.issuer, self)
        self.issuer.setObjectName("certIssuer")
        self.expires_on = QDateEdit(self)
        self.expires_on.setObjectName("certExpires")
        self.expires_on.setCalendarPopup(True)
        self.expires_on.setDisplayFormat("yyyy-MM-dd")
        if doc.expires_on is not None:
            d = doc.expires_on
            self.expires_on.setDate(QDate(d.year, d.month, d.day))
        else:
            self.expires_on.setDate(QDate.currentDate().addYears(1))
        self.accept_box = QComboBox(self)
        self.accept_box.setObjectName("certDecision")
        self.accept_box.addItem(self.tr("Verified: the photo shows these facts"), True)
        self.accept_box.addItem(self.tr("Refused"), False)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("certReason")
        self.reason.setPlaceholderText(
            self.tr("Why it is refused (blurred, forged, other person…)")
        )
        self.intro.setText(
            self.tr("Compare with the photo; correct what the applicant typed if needed.")
        )
        self.intro.setProperty("role", "hint")
        self.intro.show()
        self.add_row("cert_type", self.tr("Type"), self.cert_type)
        self.add_row("number", self.tr("Number"), self.number)
        self.add_row("issuer", self.tr("Issuer"), self.issuer)
        self.add_row("expires_on", self.tr("Valid until"), self.expires_on)
        self.add_row("accept", self.tr("Decision"), self.accept_box)
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.accept_box.currentIndexChanged.connect(self._decision_changed)
        self._decision_changed()

    def _decision_changed(self) -> None:
        self.reason.setEnabled(not bool(self.accept_box.currentData()))

    def save(self) -> None:
        check = CertificateCheck(
            cert_type=self.cert_type.currentData(),
            number=self.number.text(),
            issuer=self.issuer.text(),
            expires_on=self.expires_on.date().toPython(),  # type: ignore[arg-type]
            accept=bool(self.accept_box.currentData()),
            reason=self.reason.text(),
        )
        self.ctx.runner.run_command(
            vetting_recorded.verify_certificate,
            actor=self.ctx.actor,
            case_id=self.case.id,
            document_id=self.doc.id,
            check=check,
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )


class ReasonDialog(FormDialog):
    """Reject (with the reason the worker reads) or ask for documents (what is missing)."""

    def __init__(
        self, ctx: DeskContext, case: CaseView, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.case, self.kind = ctx, case, kind
        self.reason = _text_box(self, "decisionReason")
        if kind == "reject":
            self.setObjectName("rejectDialog")
            self.setWindowTitle(self.tr("Reject the application of {name}").format(name=case.name))
            self.intro.setText(self.tr("The applicant reads this reason in the app."))
            self.add_row("reason", self.tr("Reason"), self.reason)
        else:
            self.setObjectName("askDocumentsDialog")
            self.setWindowTitle(self.tr("Ask {name} for documents").format(name=case.name))
            self.intro.setText(
                self.tr("Say exactly what is missing; the applicant reads it in the app.")
            )
            self.add_row("missing", self.tr("Missing"), self.reason)
        self.intro.setProperty("role", "hint")
        self.intro.show()

    def save(self) -> None:
        common = {
            "actor": self.ctx.actor,
            "case_id": self.case.id,
            "on_done": self.saved,
            "on_error": self.refused,
            "changes": CHANGES,
        }
        if self.kind == "reject":
            self.ctx.runner.run_command(
                vetting_decisions.reject_case, reason=self.reason.toPlainText(), **common
            )
        else:
            self.ctx.runner.run_command(
                vetting_decisions.ask_for_documents, missing=self.reason.toPlainText(), **common
            )


class ApproveDialog(FormDialog):
    """The skills granted with their levels, the districts served; an HQ override when a
    check has not passed."""

    def __init__(
        self,
        ctx: DeskContext,
        case: CaseView,
        skills: list[CatalogSkill],
        districts: list[DistrictView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("approveDialog")
        self.setMinimumWidth(520)
        self.setWindowTitle(self.tr("Approve {name}").format(name=case.name))
        self.ctx, self.case = ctx, case
        requested = {s.id for s in case.requested_skills}
        self.skills = QTableWidget(len(skills), 2, self)
        self.skills.setObjectName("grantSkills")
        self.skills.setHorizontalHeaderLabels([self.tr("Skill"), self.tr("Level (1–5)")])
        self.skills.verticalHeader().hide()
        self.skills.horizontalHeader().setStretchLastSection(True)
        self.skills.setMinimumHeight(180)
        self.levels: dict[int, QSpinBox] = {}
        self.skill_items: dict[int, QTableWidgetItem] = {}
        for row, skill in enumerate(skills):
            item = QTableWidgetItem(skill.name)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(
                Qt.CheckState.Checked if skill.id in requested else Qt.CheckState.Unchecked
            )
            self.skills.setItem(row, 0, item)
            level = QSpinBox(self.skills)
            level.setRange(1, vetting_decisions.MAX_LEVEL)
            level.setValue(1)
            self.skills.setCellWidget(row, 1, level)
            self.levels[skill.id] = level
            self.skill_items[skill.id] = item
        served = {d for d, _ in case.districts}
        self.district_boxes: dict[int, QCheckBox] = {}
        area = QWidget(self)
        grid = QGridLayout(area)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, d in enumerate(d for d in districts if d.is_active):
            box = QCheckBox(d.name, area)
            box.setObjectName(f"district:{d.id}")
            box.setChecked(d.id in served)
            self.district_boxes[d.id] = box
            grid.addWidget(box, i // 3, i % 3)
        self.add_row("skills", self.tr("Skills granted"), self.skills)
        self.add_row("districts", self.tr("Districts served"), area)
        self.override = _text_box(self, "overrideReason", 60)
        if case.blocking:
            names = "、".join(texts.check_name(k) for k in case.blocking)
            self.intro.setText(
                self.tr(
                    "Not passed yet: {checks}. Only an HQ administrator can approve anyway, "
                    "with a written reason."
                ).format(checks=names)
            )
            self.intro.setProperty("role", "error")
            self.intro.show()
            self.add_row("override_reason", self.tr("HQ override reason"), self.override)
            self.override.setEnabled(ctx.actor.is_hq)

    def grants(self) -> list[SkillGrant]:
        return [
            SkillGrant(skill_id, self.levels[skill_id].value())
            for skill_id, item in self.skill_items.items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def chosen_districts(self) -> list[int]:
        return [d for d, box in self.district_boxes.items() if box.isChecked()]

    def save(self) -> None:
        self.ctx.runner.run_command(
            vetting_decisions.approve_case,
            actor=self.ctx.actor,
            case_id=self.case.id,
            skills=self.grants(),
            district_ids=self.chosen_districts(),
            override_reason=self.override.toPlainText(),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )


class BlacklistDialog(FormDialog):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blacklistDialog")
        self.setWindowTitle(self.tr("Add to the blacklist"))
        self.ctx = ctx
        self.name = QLineEdit(self)
        self.name.setObjectName("blName")
        self.id_number = QLineEdit(self)
        self.id_number.setObjectName("blIdNumber")
        self.phone = QLineEdit(self)
        self.phone.setObjectName("blPhone")
        self.reason_type = QComboBox(self)
        self.reason_type.setObjectName("blReasonType")
        for code in texts.REASON_TYPES:
            self.reason_type.addItem(texts.reason_type_name(code), code)
        self.evidence = _text_box(self, "blEvidence", 100)
        self.intro.setText(
            self.tr("The ID number is kept only as a fingerprint: it finds the person again.")
        )
        self.intro.setProperty("role", "hint")
        self.intro.show()
        self.add_row("name", self.tr("Name"), self.name)
        self.add_row("id_number", self.tr("ID number"), self.id_number)
        self.add_row("phone", self.tr("Mobile phone"), self.phone)
        self.add_row("reason_type", self.tr("Reason"), self.reason_type)
        self.add_row("evidence", self.tr("Evidence"), self.evidence)

    def save(self) -> None:
        self.ctx.runner.run_command(
            blacklist.add_entry,
            actor=self.ctx.actor,
            name=self.name.text(),
            id_number=self.id_number.text(),
            phone=self.phone.text(),
            reason_type=self.reason_type.currentData(),
            evidence=self.evidence.toPlainText(),
            on_done=self.saved,
            on_error=self.refused,
            changes={"blacklist", "vetting", "audit"},
        )
