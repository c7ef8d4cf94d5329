"""A document photo to read closely: zoom with the buttons or the wheel, rotate, fit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

ZOOM_STEP = 1.25


class _View(QGraphicsView):
    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP
        self.scale(factor, factor)


class PhotoViewer(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = QGraphicsScene(self)
        self.view = _View(self.scene, self)
        self.view.setObjectName("photoView")
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.view.setMinimumHeight(220)
        self.item: QGraphicsPixmapItem | None = None
        self.rotation = 0
        self.caption = QLabel(self.tr("Choose a document to see its photo."), self)
        self.caption.setObjectName("photoCaption")
        self.caption.setProperty("role", "hint")
        self.zoom_in = QPushButton(self.tr("Zoom in"), self)
        self.zoom_in.setObjectName("zoomIn")
        self.zoom_out = QPushButton(self.tr("Zoom out"), self)
        self.zoom_out.setObjectName("zoomOut")
        self.rotate_left = QPushButton(self.tr("⟲ Rotate"), self)
        self.rotate_left.setObjectName("rotateLeft")
        self.rotate_right = QPushButton(self.tr("Rotate ⟳"), self)
        self.rotate_right.setObjectName("rotateRight")
        self.fit_button = QPushButton(self.tr("Fit"), self)
        self.fit_button.setObjectName("fitPhoto")
        buttons = QHBoxLayout()
        for b in (
            self.zoom_in,
            self.zoom_out,
            self.rotate_left,
            self.rotate_right,
            self.fit_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.zoom_in.clicked.connect(lambda: self.view.scale(ZOOM_STEP, ZOOM_STEP))
        self.zoom_out.clicked.connect(lambda: self.view.scale(1 / ZOOM_STEP, 1 / ZOOM_STEP))
        self.rotate_left.clicked.connect(lambda: self.rotate(-90))
        self.rotate_right.clicked.connect(lambda: self.rotate(90))
        self.fit_button.clicked.connect(self.fit)
        self._enable(False)

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.zoom_in, self.zoom_out, self.rotate_left, self.rotate_right, self.fit_button)

    def _enable(self, on: bool) -> None:
        for b in (
            self.zoom_in,
            self.zoom_out,
            self.rotate_left,
            self.rotate_right,
            self.fit_button,
        ):
            b.setEnabled(on)

    def show_image(self, data: bytes, caption: str) -> bool:
        """Show a photo from its bytes; False when they are not an image Qt can read."""
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            self.clear(self.tr("This file cannot be shown."))
            return False
        self.scene.clear()
        self.item = self.scene.addPixmap(pixmap)
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.item.setTransformOriginPoint(self.item.boundingRect().center())
        self.rotation = 0
        self.scene.setSceneRect(self.item.sceneBoundingRect())
        self.caption.setText(caption)
        self._enable(True)
        self.fit()
        return True

    def clear(self, caption: str = "") -> None:
        self.scene.clear()
        self.item = None
        self.rotation = 0
        self.caption.setText(caption or self.tr("Choose a document to see its photo."))
        self._enable(False)

    def rotate(self, degrees: int) -> None:
        if self.item is None:
            return
        self.rotation = (self.rotation + degrees) % 360
        self.item.setRotation(self.rotation)
        self.scene.setSceneRect(self.item.sceneBoundingRect())
        self.fit()

    def fit(self) -> None:
        if self.item is not None:
            self.view.fitInView(self.item, Qt.AspectRatioMode.KeepAspectRatio)

    @property
    def zoom(self) -> float:
        m = self.view.transform()
        return float((m.m11() ** 2 + m.m12() ** 2) ** 0.5)
