<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AdvancesDialog</name>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="58" />
        <source>Advances received</source>
        <translation>Авансы полученные</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="80" />
        <source>All own entities</source>
        <translation>Все юрлица</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="86" />
        <source>%1, INN %2</source>
        <translation>%1, ИНН %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="87" />
        <source>Only &amp;not offset</source>
        <translation>Только &amp;не зачтённые</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="92" />
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="93" />
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="94" />
        <source>Payment</source>
        <translation>Платёж</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="95" />
        <source>Advance</source>
        <translation>Сумма аванса</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="96" />
        <source>Invoice for payment</source>
        <translation>Счёт на оплату</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="97" />
        <source>VAT invoice due</source>
        <translation>Срок СФ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="98" />
        <source>Advance VAT invoice</source>
        <translation>Счёт-фактура на аванс</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="99" />
        <source>Offset</source>
        <translation>Зачтён</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="113" />
        <source>Own &amp;entity:</source>
        <translation>&amp;Юрлицо:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="145" />
        <source>not needed: sale on %1</source>
        <translation>не нужен: отгрузка %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="149" />
        <location filename="../../desktop/ui/books/advances_dialog.py" line="158" />
        <location filename="../../desktop/ui/books/advances_dialog.py" line="165" />
        <location filename="../../desktop/ui/books/advances_dialog.py" line="169" />
        <source>№ %1 of %2</source>
        <translation>№ %1 от %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="154" />
        <source>not issued</source>
        <translation>не выставлен</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="160" />
        <source>not offset</source>
        <translation>не зачтён</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="185" />
        <source>Overdue: the VAT invoice had to be issued by %1</source>
        <translation>Просрочен: счёт-фактуру нужно было выставить не позднее %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="191" />
        <source>Due today</source>
        <translation>Срок — сегодня</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="197" />
        <source>Received: %1; with advance VAT invoices: %2; not offset: %3</source>
        <translation>Получено: %1; выставлены счета-фактуры на аванс: %2; не зачтено: %3</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="203" />
        <source>&amp;Issue advance VAT invoices (%1)</source>
        <translation>&amp;Выставить счета-фактуры на аванс (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="230" />
        <source>Issuing…</source>
        <translation>Выставление…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="234" />
        <location filename="../../desktop/ui/books/advances_dialog.py" line="261" />
        <source>Advance VAT invoices</source>
        <translation>Счета-фактуры на аванс</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/advances_dialog.py" line="247" />
        <source>Advance VAT invoices issued: %1</source>
        <translation>Выставлено счетов-фактур на аванс: %1</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="82" />
        <source>Supplementary agreement to contract %1</source>
        <translation>Дополнительное соглашение к договору %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="95" />
        <source>ends the contract on the effective date</source>
        <translation>прекращает договор с даты вступления в силу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="99" />
        <source>Service</source>
        <translation>Услуга</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="99" />
        <source>Current price</source>
        <translation>Текущая цена</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="99" />
        <source>New price</source>
        <translation>Новая цена</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="99" />
        <source>New quantity</source>
        <translation>Новое количество</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="109" />
        <source>Number:</source>
        <translation>Номер:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="110" />
        <source>Date:</source>
        <translation>Дата:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="111" />
        <source>Effective from:</source>
        <translation>Действует с:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="112" />
        <source>Description:</source>
        <translation>Описание:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="136" />
        <source>Line %1: %2</source>
        <translation>Строка %1: %2</translation>
    </message>
</context>
<context>
    <name>AllocateDialog</name>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="43" />
        <source>Assign the payment to invoices</source>
        <translation>Разнесение платежа по счетам</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="53" />
        <source>Payment No. %1 of %2 from %3 (INN %4): %5, free %6</source>
        <translation>Платёж № %1 от %2, плательщик %3 (ИНН %4): %5, свободно %6</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="67" />
        <source>Purpose: %1</source>
        <translation>Назначение платежа: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="76" />
        <source>Find an invoice by number, client or INN</source>
        <translation>Найти счёт по номеру, клиенту или ИНН</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="83" />
        <source>Invoice</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="84" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="85" />
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="86" />
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="87" />
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="88" />
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="89" />
        <source>Unpaid</source>
        <translation>Не оплачены</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="90" />
        <source>To assign</source>
        <translation>Разнести</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="102" />
        <source>Assign</source>
        <translation>Разнести</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="124" />
        <source>advance</source>
        <translation>предоплата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="124" />
        <source>final</source>
        <translation>окончательный</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="175" />
        <source>Amount to assign: %1</source>
        <translation>Сумма к разнесению: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="184" />
        <source>Check the amounts</source>
        <translation>Проверьте суммы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="187" />
        <source>To assign: %1 of the free %2</source>
        <translation>Разносится: %1 из свободных %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="202" />
        <source>Overpayment</source>
        <translation>Переплата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/allocate_dialog.py" line="203" />
        <source>Assign with the overpayment?</source>
        <translation>Разнести с переплатой?</translation>
    </message>
</context>
<context>
    <name>ApprovalRoutesDialog</name>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="36" />
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="37" />
        <source>Budget item</source>
        <translation>Статья ДДС</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="38" />
        <source>Amount above</source>
        <translation>Сумма свыше</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="39" />
        <source>Approver</source>
        <translation>Согласующий</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="40" />
        <source>Title on the route</source>
        <translation>Должность на маршруте</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="49" />
        <source>Approval routes</source>
        <translation>Маршруты согласования</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="68" />
        <source>0 — any amount</source>
        <translation>0 — любая сумма</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="75" />
        <source>e.g. Head of department</source>
        <translation>например, Руководитель отдела</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="90" />
        <source>New rule</source>
        <translation>Новое правило</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="91" />
        <source>Save rule</source>
        <translation>Сохранить правило</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="92" />
        <source>Delete rule</source>
        <translation>Удалить правило</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="103" />
        <source>Own entity:</source>
        <translation>Юрлицо:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="105" />
        <source>Rule</source>
        <translation>Правило</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="107" />
        <source>Budget item:</source>
        <translation>Статья ДДС:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="109" />
        <source>Amount above, ₽:</source>
        <translation>Сумма свыше, ₽:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="113" />
        <source>Stage:</source>
        <translation>Этап:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="118" />
        <source>Approver:</source>
        <translation>Согласующий:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="119" />
        <source>Title on the route:</source>
        <translation>Должность на маршруте:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="125" />
        <source>Which route a request takes</source>
        <translation>Какой маршрут пройдёт заявка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="130" />
        <source>Request amount, ₽:</source>
        <translation>Сумма заявки, ₽:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="132" />
        <source>budget item:</source>
        <translation>статья:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="137" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="156" />
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="188" />
        <source>Any</source>
        <translation>Любая</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="213" />
        <source>The routes are shown read-only.</source>
        <translation>Маршруты показаны только для просмотра.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="217" />
        <source>A request goes through every rule of its payer whose amount it exceeds and whose budget item is its own or «Any». Stage 2 waits for stage 1; the approvers of one stage decide in parallel. A return for revision starts the route again.</source>
        <translation>Заявка проходит все правила своего плательщика, сумму которых она превышает и чья статья ДДС — её или «Любая». Этап 2 ждёт этапа 1; согласующие одного этапа решают параллельно. Возврат на доработку начинает маршрут заново.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/routes_dialog.py" line="302" />
        <source>Delete the rule? Requests already on approval keep their route.</source>
        <translation>Удалить правило? Заявки, уже отправленные на согласование, сохранят свой маршрут.</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="53" />
        <location filename="../../desktop/ui/audit/dialog.py" line="167" />
        <source>Change log</source>
        <translation>Журнал изменений</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="70" />
        <source>&amp;Period from</source>
        <translation>&amp;Период с</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="79" />
        <location filename="../../desktop/ui/audit/dialog.py" line="178" />
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="83" />
        <source>Text in the changes, a name, a number or an id</source>
        <translation>Текст изменения, название, номер или id</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="85" />
        <source>Re&amp;fresh</source>
        <translation>Об&amp;новить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="86" />
        <source>Read the log again (F5)</source>
        <translation>Прочитать журнал заново (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="87" />
        <source>&amp;Export to Excel…</source>
        <translation>&amp;Экспорт в Excel…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="106" />
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="109" />
        <source>Us&amp;er:</source>
        <translation>По&amp;льзователь:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="111" />
        <source>&amp;Object:</source>
        <translation>&amp;Объект:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="113" />
        <source>&amp;Action:</source>
        <translation>&amp;Действие:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="116" />
        <source>&amp;Search:</source>
        <translation>Пои&amp;ск:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="208" />
        <source>Entries: %1</source>
        <translation>Записей: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="220" />
        <source>No entries.</source>
        <translation>Записей нет.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="223" />
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="223" />
        <source>Was</source>
        <translation>Было</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="223" />
        <source>Became</source>
        <translation>Стало</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="228" />
        <location filename="../../desktop/ui/audit/dialog.py" line="249" />
        <source>Export to Excel</source>
        <translation>Экспорт в Excel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="245" />
        <source>Exported entries: %1 → %2</source>
        <translation>Выгружено записей: %1 → %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/dialog.py" line="252" />
        <source>Writing the change log</source>
        <translation>Запись журнала изменений</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../desktop/ui/audit/model.py" line="37" />
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/model.py" line="38" />
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/model.py" line="39" />
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/model.py" line="40" />
        <source>No./id</source>
        <translation>№/id</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/model.py" line="41" />
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit/model.py" line="42" />
        <source>What changed</source>
        <translation>Что изменилось</translation>
    </message>
</context>
<context>
    <name>BudgetDirectoriesDialog</name>
    <message>
        <location filename="../../desktop/ui/budget/directory_dialog.py" line="162" />
        <source>Budget items and cost centres</source>
        <translation>Статьи ДДС и ЦФО</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/directory_dialog.py" line="167" />
        <source>Budget items</source>
        <translation>Статьи ДДС</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/directory_dialog.py" line="168" />
        <source>Cost centres</source>
        <translation>ЦФО</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/directory_dialog.py" line="169" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>BusyIndicator</name>
    <message>
        <location filename="../../desktop/ui/common/table_view.py" line="20" />
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
</context>
<context>
    <name>ClosingTab</name>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="214" />
        <source>Pre&amp;view</source>
        <translation>Пр&amp;едпросмотр</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="216" />
        <source>Close mon&amp;th</source>
        <translation>&amp;Закрыть месяц</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="219" />
        <source>Retr&amp;y failed</source>
        <translation>Повторить о&amp;шибки</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="222" />
        <source>E&amp;xport preview…</source>
        <translation>Вы&amp;грузить предпросмотр…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="224" />
        <source>S&amp;end to clients…</source>
        <translation>Отправить &amp;клиентам…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="226" />
        <source>PDF for pri&amp;nting</source>
        <translation>PDF для пе&amp;чати</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="231" />
        <source>Cance&amp;l</source>
        <translation>О&amp;тмена</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="235" />
        <source>Per&amp;iod:</source>
        <translation>Пер&amp;иод:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="243" />
        <source>&amp;Work orders…</source>
        <translation>Заказ-&amp;наряды…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="383" />
        <source>Preview</source>
        <translation>Предпросмотр</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="428" />
        <source>Close month</source>
        <translation>Закрыть месяц</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="229" />
        <source>Also one PDF per client (all its documents of the period) and one for the whole run</source>
        <translation>Ещё один PDF на клиента (все его документы за период) и один на весь запуск</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="316" />
        <source>All own entities</source>
        <translation>Все юрлица</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="317" />
        <source>All managers</source>
        <translation>Все менеджеры</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="374" />
        <source>To close: %1 of %2 contracts, %3; with warnings: %4</source>
        <translation>К закрытию: %1 из %2 договоров, %3; с предупреждениями: %4</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="429" />
        <source>%1

Close the month anyway?</source>
        <translation>%1

Всё равно закрыть месяц?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="455" />
        <source>Closing the month</source>
        <translation>Закрытие месяца</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="488" />
        <source>Cancelling after the current contract…</source>
        <translation>Остановка после текущего договора…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="501" />
        <source>, about %1 s left</source>
        <translation>, осталось около %1 с</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="522" />
        <source>Cancelled.</source>
        <translation>Прервано.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="527" />
        <source>Month closing</source>
        <translation>Закрытие месяца</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="532" />
        <location filename="../../desktop/ui/closing/tab.py" line="556" />
        <source>Export preview</source>
        <translation>Выгрузка предпросмотра</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="571" />
        <source>Cancelled: %1 of %2 contracts closed, %3 not closed; documents still without files: %4. Close the month again to make the rest.</source>
        <translation>Отменено: закрыто договоров %1 из %2, не закрыто %3; документов пока без файлов: %4. Закройте месяц ещё раз — будет сделано остальное.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="582" />
        <source>Acts</source>
        <translation>Актов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="583" />
        <source>Contracts closed</source>
        <translation>Закрыто договоров</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="584" />
        <source>Errors</source>
        <translation>Ошибки</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="585" />
        <source>Files</source>
        <translation>Файлы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="586" />
        <source>For printing</source>
        <translation>Для печати</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="587" />
        <source>per-client packages</source>
        <translation>пакетов по клиентам</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="588" />
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="589" />
        <source>UPD</source>
        <translation>УПД</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="590" />
        <source>UKD</source>
        <translation>УКД</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="591" />
        <source>already issued</source>
        <translation>уже было выпущено</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="592" />
        <source>invoices</source>
        <translation>счетов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="593" />
        <source>VAT invoices</source>
        <translation>Счета-фактуры</translation>
    </message>
</context>
<context>
    <name>ContractCard</name>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="61" />
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="62" />
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="63" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="64" />
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="65" />
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="66" />
        <source>Signed</source>
        <translation>Подписан</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="67" />
        <source>Paid</source>
        <translation>Оплачены</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="68" />
        <source>Closed</source>
        <translation>Закрыт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="187" />
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="188" />
        <source>Add agreement…</source>
        <translation>Добавить доп. соглашение…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="190" />
        <source>with stamp and facsimile</source>
        <translation>с печатью и факсимиле</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="192" />
        <location filename="../../desktop/ui/contracts/card.py" line="368" />
        <source>Contract DOCX and PDF</source>
        <translation>Договор в DOCX и PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="201" />
        <source>Work orders…</source>
        <translation>Заказ-наряды…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="209" />
        <source>Attach signed scan…</source>
        <translation>Прикрепить подписанный скан…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="211" />
        <location filename="../../desktop/ui/contracts/card.py" line="325" />
        <source>Open scan</source>
        <translation>Открыть скан</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="222" />
        <source>You can also drop files onto this card.</source>
        <translation>Файлы можно перетащить прямо на эту карточку.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="231" />
        <source>Terms</source>
        <translation>Условия</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="232" />
        <source>Documents</source>
        <translation>Документы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="233" />
        <source>Signed scans</source>
        <translation>Подписанные сканы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="234" />
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="255" />
        <source>Contract %1</source>
        <translation>Договор %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="266" />
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="266" />
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="302" />
        <source>queued: %1</source>
        <translation>в очереди: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="309" />
        <source>Signed scan: yes</source>
        <translation>Подписанный скан: да</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="311" />
        <source>Signed scan: queued, it goes to the shared folder when it is reachable</source>
        <translation>Подписанный скан: в очереди, уйдёт на общую папку, когда она станет доступна</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="313" />
        <source>Signed scan: no — drop the signed contract here or choose the file</source>
        <translation>Подписанный скан: нет — перетащите сюда подписанный договор или выберите файл</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/card.py" line="325" />
        <source>The file of this scan cannot be found.</source>
        <translation>Файл этого скана не найден.</translation>
    </message>
</context>
<context>
    <name>ContractDetail</name>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="16" />
        <source>100% prepayment</source>
        <translation>Предоплата 100%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="17" />
        <source>70/30</source>
        <translation>Предоплата 70/30</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="18" />
        <source>Postpayment</source>
        <translation>Постоплата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="21" />
        <source>Act + invoice</source>
        <translation>Акт + счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="22" />
        <source>UPD</source>
        <translation>УПД</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="23" />
        <source>Act + invoice + UPD</source>
        <translation>Акт + счёт + УПД</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="27" />
        <source>Act, invoice and VAT invoice</source>
        <translation>Акт, счёт и счёт-фактура</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="30" />
        <source>Monthly</source>
        <translation>Ежемесячно</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="31" />
        <source>Quarterly</source>
        <translation>Ежеквартально</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="32" />
        <source>Yearly</source>
        <translation>Ежегодно</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="39" />
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="40" />
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="41" />
        <source>KPP</source>
        <translation>КПП</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="42" />
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="43" />
        <source>Qty</source>
        <translation>Кол-во</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="44" />
        <source>Service</source>
        <translation>Услуга</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="45" />
        <source>Specification</source>
        <translation>Спецификация</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="46" />
        <source>Supplementary agreements</source>
        <translation>Дополнительные соглашения</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="47" />
        <source>days</source>
        <translation>дн.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="48" />
        <source>effective from</source>
        <translation>действует с</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="49" />
        <source>indefinitely</source>
        <translation>бессрочно</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="50" />
        <source>no e-mail</source>
        <translation>нет e-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="51" />
        <source>of</source>
        <translation>от</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="64" />
        <source>No VAT invoices: the buyer does not pay VAT, consent — %1</source>
        <translation>Счета-фактуры не выставляются: покупатель не плательщик НДС, согласие — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="78" />
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="83" />
        <source>Own entity</source>
        <translation>Юрлицо</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="84" />
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="86" />
        <source>Billing</source>
        <translation>Периодичность</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="90" />
        <source>Payment</source>
        <translation>Оплата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="94" />
        <source>Documents</source>
        <translation>Документы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="96" />
        <source>Valid</source>
        <translation>Действует</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="99" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="101" />
        <source>Manager</source>
        <translation>Менеджер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/detail.py" line="105" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
</context>
<context>
    <name>ContractScans</name>
    <message>
        <location filename="../../desktop/ui/contracts/scans.py" line="29" />
        <source>Attach signed contract scan</source>
        <translation>Подписанный скан договора</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/scans.py" line="30" />
        <source>Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</source>
        <translation>Сканы (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/scans.py" line="31" />
        <source>Signed contract scan</source>
        <translation>Подписанный скан договора</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/scans.py" line="32" />
        <source>Copying the scan to the shared folder</source>
        <translation>Копирование скана на общую папку</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/scans.py" line="33" />
        <source> and %1 more file(s)</source>
        <translation> и ещё файлов: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/scans.py" line="34" />
        <source>Drop on contract № %1%2: </source>
        <translation>Бросить на договор № %1%2: </translation>
    </message>
</context>
<context>
    <name>ContractWizard</name>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="450" />
        <source>New contract</source>
        <translation>Новый договор</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="478" />
        <source>This own entity is not of your region.</source>
        <translation>Это юрлицо не относится к вашему региону.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="497" />
        <source>The own entity of the request is not of your region: choose one you work for.</source>
        <translation>Юрлицо запроса не из вашего региона: выберите то, за которое вы работаете.</translation>
    </message>
</context>
<context>
    <name>ContractsModel</name>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="22" />
        <source>Fixed</source>
        <translation>Фиксированный</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="23" />
        <source>Variable</source>
        <translation>По факту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="26" />
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="27" />
        <source>Active</source>
        <translation>Действует</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="28" />
        <source>Suspended</source>
        <translation>Приостановлен</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="29" />
        <source>Closed</source>
        <translation>Закрыт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="32" />
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="33" />
        <source>pending</source>
        <translation>в очереди</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="34" />
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="56" />
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="57" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="58" />
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="59" />
        <source>Own entity</source>
        <translation>Юрлицо</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="60" />
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="63" />
        <source>Monthly amount</source>
        <translation>Сумма в месяц</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="67" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="69" />
        <source>Valid until</source>
        <translation>Действует по</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="70" />
        <source>Manager</source>
        <translation>Менеджер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="68" />
        <source>Signed scan</source>
        <translation>Подписанный скан</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="100" />
        <source>by work orders</source>
        <translation>по заказ-нарядам</translation>
    </message>
</context>
<context>
    <name>ContractsTab</name>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="75" />
        <source>Search by number, client or INN</source>
        <translation>Поиск по номеру, клиенту или ИНН</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="80" />
        <source>All types</source>
        <translation>Все типы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="85" />
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="93" />
        <source>any end date</source>
        <translation>любой срок</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="94" />
        <source>ending within </source>
        <translation>истекает в течение </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="95" />
        <source> days</source>
        <translation> дн.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="100" />
        <source>&amp;New contract…</source>
        <translation>Нов&amp;ый договор…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="102" />
        <source>&amp;Import…</source>
        <translation>&amp;Импорт…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="104" />
        <source>E&amp;xport to Excel…</source>
        <translation>&amp;Экспорт в Excel…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="106" />
        <source>A&amp;ttach signed scan…</source>
        <translation>Прикрепить подписанный с&amp;кан…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="204" />
        <source>All managers</source>
        <translation>Все менеджеры</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/contracts/tab.py" line="242" />
        <source>Contracts: %n</source>
        <translation><numerusform>Договоров: %n</numerusform><numerusform>Договоров: %n</numerusform><numerusform>Договоров: %n</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="283" />
        <location filename="../../desktop/ui/contracts/tab.py" line="292" />
        <source>Export to Excel</source>
        <translation>Экспорт в Excel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="296" />
        <source>Exported rows: %1</source>
        <translation>Выгружено строк: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="302" />
        <source>Attach signed scan</source>
        <translation>Прикрепить подписанный скан</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="302" />
        <source>Select a contract first.</source>
        <translation>Сначала выберите договор.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="344" />
        <source>Send queued scans (%1)</source>
        <translation>Отправить очередь сканов (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="366" />
        <source>Scan queue</source>
        <translation>Очередь сканов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="367" />
        <source>Sent to the shared folder: %1; still queued: %2</source>
        <translation>Отправлено на общую папку: %1; осталось в очереди: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="374" />
        <source>Sending queued scans</source>
        <translation>Отправка сканов из очереди</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="382" />
        <source>Select a contract to see its terms.</source>
        <translation>Выберите договор, чтобы увидеть его условия.</translation>
    </message>
</context>
<context>
    <name>CounterpartiesDialog</name>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="77" />
        <source>Counterparties</source>
        <translation>Контрагенты</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="82" />
        <source>Search by name or INN</source>
        <translation>Поиск по наименованию или ИНН</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="84" />
        <source>New counterparty…</source>
        <translation>Новый контрагент…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="103" />
        <source>Counterparties: %1</source>
        <translation>Контрагентов: %1</translation>
    </message>
</context>
<context>
    <name>CounterpartiesModel</name>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="49" />
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="50" />
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="51" />
        <source>KPP</source>
        <translation>КПП</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="52" />
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="53" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="54" />
        <source>Manager</source>
        <translation>Менеджер</translation>
    </message>
</context>
<context>
    <name>CounterpartyCard</name>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="53" />
        <source>Counterparty</source>
        <translation>Контрагент</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="53" />
        <source>New counterparty</source>
        <translation>Новый контрагент</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="56" />
        <source>Short name</source>
        <translation>Краткое наименование</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="57" />
        <location filename="../../desktop/ui/parties/card.py" line="173" />
        <source>Full name</source>
        <translation>Полное наименование</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="58" />
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="59" />
        <source>KPP</source>
        <translation>КПП</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="60" />
        <source>OGRN / OGRNIP</source>
        <translation>ОГРН / ОГРНИП</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="61" />
        <source>Legal address</source>
        <translation>Юридический адрес</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="62" />
        <source>Postal address</source>
        <translation>Почтовый адрес</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="63" />
        <source>Bank</source>
        <translation>Банк</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="64" />
        <source>BIK</source>
        <translation>БИК</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="65" />
        <source>Settlement account</source>
        <translation>Расчётный счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="66" />
        <source>Correspondent account</source>
        <translation>Корреспондентский счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="67" />
        <source>Signer's position</source>
        <translation>Должность подписанта</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="68" />
        <source>Signer</source>
        <translation>Подписант</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="69" />
        <source>Acting on the basis of</source>
        <translation>Действует на основании</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="70" />
        <source>E-mails for documents</source>
        <translation>E-mail для документов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="71" />
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="72" />
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="73" />
        <source>EDO participant ID</source>
        <translation>ID участника ЭДО</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="77" />
        <source>Legal entity</source>
        <translation>Юридическое лицо</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="78" />
        <source>Sole proprietor</source>
        <translation>Индивидуальный предприниматель</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="79" />
        <source>Private person</source>
        <translation>Физическое лицо</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="90" />
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="109" />
        <source>Manager</source>
        <translation>Менеджер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="132" />
        <source>Requisites</source>
        <translation>Реквизиты</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="133" />
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="173" />
        <source>Full name of the person</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/card.py" line="200" />
        <source>Open the existing card</source>
        <translation>Открыть существующую карточку</translation>
    </message>
</context>
<context>
    <name>DatesPage</name>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="212" />
        <source>Dates and terms</source>
        <translation>Даты и условия</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="218" />
        <source>valid until</source>
        <translation>действует по</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="229" />
        <source>Fixed monthly fee</source>
        <translation>Фиксированная абонентская плата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="230" />
        <source>Variable volume (work orders)</source>
        <translation>Объём по факту (заказ-наряды)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="233" />
        <source>Monthly</source>
        <translation>Ежемесячно</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="234" />
        <source>Quarterly</source>
        <translation>Ежеквартально</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="237" />
        <source>Postpayment</source>
        <translation>Постоплата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="238" />
        <source>100% prepayment</source>
        <translation>Предоплата 100%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="239" />
        <source>70/30</source>
        <translation>Предоплата 70/30</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="246" />
        <location filename="../../desktop/ui/contracts/wizard.py" line="305" />
        <source>Act + invoice</source>
        <translation>Акт + счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="247" />
        <source>UPD</source>
        <translation>УПД</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="248" />
        <source>Act + invoice + UPD</source>
        <translation>Акт + счёт + УПД</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="252" />
        <source>The buyer does not pay VAT and refused VAT invoices in writing</source>
        <translation>Покупатель не плательщик НДС и письменно отказался от счетов-фактур</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="257" />
        <source>e.g. Agreement of 10.01.2026</source>
        <translation>например, Соглашение от 10.01.2026</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="261" />
        <source>Detail appendix</source>
        <translation>Приложение-детализация</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="262" />
        <source>Prices include VAT</source>
        <translation>Цены включают НДС</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="263" />
        <source>Facsimile allowed on acts</source>
        <translation>Факсимиле на актах разрешено</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="265" />
        <source>Contract date:</source>
        <translation>Дата договора:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="266" />
        <source>Valid from:</source>
        <translation>Действует с:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="271" />
        <source>Type:</source>
        <translation>Тип:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="272" />
        <source>Billing:</source>
        <translation>Периодичность:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="273" />
        <source>Payment:</source>
        <translation>Оплата:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="274" />
        <source>Payment within, days:</source>
        <translation>Срок оплаты, дней:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="275" />
        <source>Documents at closing:</source>
        <translation>Документы при закрытии:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="277" />
        <source>Buyer's consent:</source>
        <translation>Согласие покупателя:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="305" />
        <source>Act, invoice and VAT invoice</source>
        <translation>Акт, счёт и счёт-фактура</translation>
    </message>
</context>
<context>
    <name>DispatchLogDialog</name>
    <message>
        <location filename="../../desktop/ui/sending/log_dialog.py" line="33" />
        <source>Sending log</source>
        <translation>Журнал отправки</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/log_dialog.py" line="39" />
        <source>any period (YYYY-MM)</source>
        <translation>любой период (ГГГГ-ММ)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/log_dialog.py" line="41" />
        <source>Failed only</source>
        <translation>Только ошибки</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/log_dialog.py" line="44" />
        <source>Period:</source>
        <translation>Период:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/log_dialog.py" line="49" />
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/log_dialog.py" line="50" />
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/log_dialog.py" line="51" />
        <source>Channel</source>
        <translation>Канал</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/log_dialog.py" line="52" />
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/log_dialog.py" line="53" />
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/log_dialog.py" line="54" />
        <source>To</source>
        <translation>Кому</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/log_dialog.py" line="55" />
        <source>Documents</source>
        <translation>Документы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/log_dialog.py" line="56" />
        <source>Files</source>
        <translation>Файлы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/log_dialog.py" line="57" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/log_dialog.py" line="58" />
        <source>Server answer or error</source>
        <translation>Ответ сервера или ошибка</translation>
    </message>
</context>
<context>
    <name>DocRequestCard</name>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="89" />
        <source>Open file</source>
        <translation>Открыть файл</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="90" />
        <source>Open folder</source>
        <translation>Открыть папку</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="91" />
        <source>Attach file…</source>
        <translation>Прикрепить файл…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="105" />
        <source>Save draft</source>
        <translation>Сохранить черновик</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="106" />
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="107" />
        <source>Take in work</source>
        <translation>Взять в работу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="108" />
        <source>Prepare…</source>
        <translation>Подготовить…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="109" />
        <source>Approve the number</source>
        <translation>Утвердить номер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="110" />
        <source>Ready</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="111" />
        <source>Reject…</source>
        <translation>Отклонить…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="119" />
        <source>Files</source>
        <translation>Файлы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="126" />
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="157" />
        <location filename="../../desktop/ui/doc_requests/card.py" line="158" />
        <source>New document request</source>
        <translation>Новый запрос документов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="162" />
        <source>Document request No. %1</source>
        <translation>Запрос документов № %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="168" />
        <source>Rejected: %1</source>
        <translation>Отклонён: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="170" />
        <source>The contract number waits for an accountant's approval.</source>
        <translation>Номер договора ждёт утверждения бухгалтером.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="192" />
        <source> (with the stamp)</source>
        <translation> (с печатью)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="203" />
        <source> (waits to reach the shared folder)</source>
        <translation> (ждёт отправки на общую папку)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="204" />
        <source>Attachment: %1</source>
        <translation>Вложение: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="238" />
        <source>Prepare the documents first.</source>
        <translation>Сначала подготовьте документы.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="244" />
        <source>Save the request first.</source>
        <translation>Сначала сохраните запрос.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="246" />
        <source>Files for the accountant: PDF, JPEG, PNG, TIFF</source>
        <translation>Файлы для бухгалтера: PDF, JPEG, PNG, TIFF</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="259" />
        <source>Cannot be sent yet: %1</source>
        <translation>Пока нельзя отправить: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="263" />
        <source>Send to the accountants (a standard request gets its documents at once)</source>
        <translation>Отправить бухгалтерии (стандартный запрос получает документы сразу)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="280" />
        <source>The request cannot be sent yet.</source>
        <translation>Запрос пока нельзя отправить.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="290" />
        <source>Sending; a standard request gets its contract and invoice</source>
        <translation>Отправка; стандартный запрос получает договор и счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="295" />
        <source>Sending the request</source>
        <translation>Отправка запроса</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="300" />
        <source>The documents are ready: %1 files. They are listed in the request and in the notification.</source>
        <translation>Документы готовы: файлов — %1. Они перечислены в запросе и в уведомлении.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="305" />
        <source>Sent to the accountants: the program could not make the documents (%1).</source>
        <translation>Отправлен бухгалтерии: программа не смогла сформировать документы (%1).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="310" />
        <source>Sent to the accountants' queue.</source>
        <translation>Отправлен в очередь бухгалтерии.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="321" />
        <source>Approving the contract number</source>
        <translation>Утверждение номера договора</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="347" />
        <source>Preparing the documents</source>
        <translation>Подготовка документов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="353" />
        <source>Files prepared: %1. Check them and press «Ready».</source>
        <translation>Подготовлено файлов: %1. Проверьте их и нажмите «Готово».</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="358" />
        <source>No document of the contract found yet: make it (for example by closing the month) and prepare again.</source>
        <translation>По договору ещё нет нужных документов: сформируйте их (например, закрытием месяца) и подготовьте снова.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="368" />
        <source>Reject the request</source>
        <translation>Отклонить запрос</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="368" />
        <source>Reason of the rejection:</source>
        <translation>Причина отклонения:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="373" />
        <source>Say why the request is rejected: the manager reads it.</source>
        <translation>Укажите причину отклонения: её прочитает менеджер.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="385" />
        <source>The file «%1» is not there (moved or deleted).</source>
        <translation>Файла «%1» нет на месте (перемещён или удалён).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="392" />
        <source>Attach files</source>
        <translation>Прикрепить файлы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="394" />
        <source>Scans and PDF (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
        <translation>Сканы и PDF (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/card.py" line="409" />
        <source>Copying the files to the shared folder</source>
        <translation>Копирование файлов на общую папку</translation>
    </message>
</context>
<context>
    <name>DocRequestsTab</name>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="54" />
        <source>My requests</source>
        <translation>Мои запросы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="55" />
        <source>Accountants' queue</source>
        <translation>Очередь бухгалтерии</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="56" />
        <source>All requests</source>
        <translation>Все запросы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="63" />
        <source>All states</source>
        <translation>Все состояния</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="68" />
        <source>Search by number, client or comment</source>
        <translation>Поиск по номеру, клиенту или комментарию</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="70" />
        <source>&amp;New request…</source>
        <translation>&amp;Новый запрос…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="71" />
        <source>Op&amp;en</source>
        <translation>Откр&amp;ыть</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="76" />
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="77" />
        <source>Created</source>
        <translation>Создан</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="78" />
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="79" />
        <source>Own entity</source>
        <translation>Юрлицо</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="80" />
        <source>Documents wanted</source>
        <translation>Что нужно</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="81" />
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="82" />
        <source>Waits for</source>
        <translation>Ждёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="83" />
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="84" />
        <source>Accountant</source>
        <translation>Бухгалтер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="85" />
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="86" />
        <source>Files</source>
        <translation>Файлы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/tab.py" line="165" />
        <source>Requests: %1</source>
        <translation>Запросов: %1</translation>
    </message>
</context>
<context>
    <name>DocumentCard</name>
    <message>
        <location filename="../../desktop/ui/registry/card.py" line="80" />
        <source>Open scan</source>
        <translation>Открыть скан</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/card.py" line="81" />
        <source>Attach scan…</source>
        <translation>Прикрепить скан…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/card.py" line="90" />
        <source>You can also drop files onto this card.</source>
        <translation>Файлы можно перетащить прямо на эту карточку.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/card.py" line="94" />
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/card.py" line="95" />
        <source>Scans</source>
        <translation>Сканы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/card.py" line="96" />
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/card.py" line="120" />
        <source>signed by %1 on %2</source>
        <translation>подписан: %1, %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/card.py" line="124" />
        <source>not signed</source>
        <translation>не подписан</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/card.py" line="139" />
        <source>pending: %1</source>
        <translation>в очереди: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/card.py" line="159" />
        <source>no preview</source>
        <translation>нет превью</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/card.py" line="170" />
        <source>Attach scan</source>
        <translation>Прикрепить скан</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="21" />
        <source>Act</source>
        <translation>Акт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="22" />
        <source>Invoice</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="23" />
        <source>UPD</source>
        <translation>УПД</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="24" />
        <source>UKD</source>
        <translation>УКД</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="25" />
        <source>VAT invoice</source>
        <translation>Счёт-фактура</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="26" />
        <source>Advance VAT invoice</source>
        <translation>Счёт-фактура на аванс</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="35" />
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="36" />
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="37" />
        <source>pending</source>
        <translation>в очереди</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="38" />
        <source>EDO</source>
        <translation>ЭДО</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="61" />
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="62" />
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="63" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="64" />
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="65" />
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="66" />
        <source>Own entity</source>
        <translation>Юрлицо</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="67" />
        <source>Manager</source>
        <translation>Менеджер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="69" />
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="71" />
        <source>Signed</source>
        <translation>Подписан</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="72" />
        <source>Scan</source>
        <translation>Скан</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="73" />
        <source>Sent</source>
        <translation>Отправлен</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="74" />
        <source>Paid</source>
        <translation>Оплата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="75" />
        <source>Closed</source>
        <translation>Закрыт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="29" />
        <source>paid</source>
        <translation>оплачен</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="30" />
        <source>partly</source>
        <translation>частично</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="31" />
        <source>unpaid</source>
        <translation>не оплачен</translation>
    </message>
</context>
<context>
    <name>EdoExportDialog</name>
    <message>
        <location filename="../../desktop/ui/sending/edo_dialog.py" line="28" />
        <source>Export UPD for EDO</source>
        <translation>Выгрузка УПД для ЭДО</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/edo_dialog.py" line="32" />
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/edo_dialog.py" line="34" />
        <source>XML files into the folder</source>
        <translation>Файлы XML в папку</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/edo_dialog.py" line="36" />
        <source>One ZIP per client</source>
        <translation>Один ZIP-архив на клиента</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/edo_dialog.py" line="39" />
        <source>Mark the UPDs as sent by EDO</source>
        <translation>Отметить УПД как отправленные по ЭДО</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/edo_dialog.py" line="42" />
        <source>The registry then shows them as sent by EDO</source>
        <translation>В реестре они будут показаны как отправленные по ЭДО</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/edo_dialog.py" line="46" />
        <source>Export</source>
        <translation>Выгрузить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/edo_dialog.py" line="58" />
        <source>Folder:</source>
        <translation>Папка:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/edo_dialog.py" line="59" />
        <source>As:</source>
        <translation>Как:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/edo_dialog.py" line="71" />
        <source>Folder for the EDO files</source>
        <translation>Папка для файлов ЭДО</translation>
    </message>
</context>
<context>
    <name>EntityChoice</name>
    <message>
        <location filename="../../desktop/ui/common/entity_choice.py" line="101" />
        <source>All own entities</source>
        <translation>Все юрлица</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/entity_choice.py" line="109" />
        <source>Several…</source>
        <translation>Несколько…</translation>
    </message>
</context>
<context>
    <name>EntityPicker</name>
    <message>
        <location filename="../../desktop/ui/common/entity_choice.py" line="138" />
        <source>Own entities</source>
        <translation>Свои юрлица</translation>
    </message>
</context>
<context>
    <name>EntriesPane</name>
    <message>
        <location filename="../../desktop/ui/budget/directory_dialog.py" line="33" />
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/directory_dialog.py" line="34" />
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/directory_dialog.py" line="35" />
        <source>Active</source>
        <translation>Действует</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/directory_dialog.py" line="56" />
        <source>Active (offered for new requests)</source>
        <translation>Действует (предлагается в новых заявках)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/directory_dialog.py" line="61" />
        <source>New</source>
        <translation>Новая запись</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/directory_dialog.py" line="62" />
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/directory_dialog.py" line="64" />
        <source>Code:</source>
        <translation>Код:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/directory_dialog.py" line="65" />
        <source>Name:</source>
        <translation>Наименование:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/directory_dialog.py" line="87" />
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/directory_dialog.py" line="87" />
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/budget/directory_dialog.py" line="97" />
        <source>A closed entry is no longer offered for new requests; the requests charged to it keep it.</source>
        <translation>Недействующую запись не предлагают в новых заявках; заявки, где она выбрана, её сохраняют.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../desktop/ui/errors.py" line="23" />
        <source>Unexpected error</source>
        <translation>Непредвиденная ошибка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="25" />
        <source>Something went wrong. The details were written to the log file.</source>
        <translation>Что-то пошло не так. Подробности записаны в журнал работы.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="52" />
        <location filename="../../desktop/ui/books/export_dialog.py" line="134" />
        <location filename="../../desktop/ui/books/export_dialog.py" line="162" />
        <location filename="../../desktop/ui/books/export_dialog.py" line="200" />
        <source>Export to 1C:Accounting</source>
        <translation>Выгрузка в 1С:Бухгалтерию</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="74" />
        <source>All own entities</source>
        <translation>Все юрлица</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="80" />
        <source>%1, INN %2</source>
        <translation>%1, ИНН %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="85" />
        <source>1.20 for 1C:Accounting releases that do not read 1.21 yet</source>
        <translation>1.20 — для релизов 1С:Бухгалтерии, которые ещё не читают 1.21</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="87" />
        <source>&amp;Browse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="93" />
        <source>E&amp;xport</source>
        <translation>&amp;Выгрузить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="104" />
        <source>&amp;Period:</source>
        <translation>&amp;Период:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="105" />
        <source>Own &amp;entity:</source>
        <translation>&amp;Юрлицо:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="106" />
        <source>&amp;Format:</source>
        <translation>&amp;Формат:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="108" />
        <source>F&amp;ile:</source>
        <translation>Фа&amp;йл:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="136" />
        <source>EnterpriseData file (*.xml)</source>
        <translation>Файл EnterpriseData (*.xml)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="145" />
        <source>File: choose where to write the export.</source>
        <translation>Файл: укажите, куда записать выгрузку.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="158" />
        <source>Exporting…</source>
        <translation>Выгрузка…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="182" />
        <source>Exported objects: %1 (EnterpriseData %2, %3)</source>
        <translation>Выгружено объектов: %1 (EnterpriseData %2, %3)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="187" />
        <source>File: %1</source>
        <translation>Файл: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="208" />
        <source>Own entities</source>
        <translation>Организации</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="209" />
        <source>Counterparties</source>
        <translation>Контрагенты</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="210" />
        <source>Contracts</source>
        <translation>Договоры</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="211" />
        <source>Services</source>
        <translation>Номенклатура (услуги)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="212" />
        <source>Sales (acts and UPDs)</source>
        <translation>Реализации (акты и УПД)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="213" />
        <source>Issued VAT invoices for sales</source>
        <translation>Счета-фактуры выданные на реализацию</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="214" />
        <source>Issued VAT invoices for advances</source>
        <translation>Счета-фактуры выданные на аванс</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="215" />
        <source>Invoices for payment</source>
        <translation>Счета покупателям</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/export_dialog.py" line="216" />
        <source>Incoming payments</source>
        <translation>Поступления на расчётный счёт</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../desktop/ui/parties/import_dialog.py" line="42" />
        <source>Import from Excel or CSV</source>
        <translation>Импорт из Excel или CSV</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/import_dialog.py" line="47" />
        <source>Counterparties</source>
        <translation>Контрагенты</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/import_dialog.py" line="48" />
        <source>Contracts</source>
        <translation>Договоры</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/import_dialog.py" line="49" />
        <source>Work orders</source>
        <translation>Заказ-наряды</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/import_dialog.py" line="52" />
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/import_dialog.py" line="53" />
        <source>Preview</source>
        <translation>Предпросмотр</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/import_dialog.py" line="60" />
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/import_dialog.py" line="60" />
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/import_dialog.py" line="60" />
        <source>Problem</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/import_dialog.py" line="63" />
        <source>Import</source>
        <translation>Импортировать</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/import_dialog.py" line="95" />
        <source>Imported</source>
        <translation>Импортировано</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/import_dialog.py" line="95" />
        <source>Will be imported</source>
        <translation>Будет импортировано</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/import_dialog.py" line="96" />
        <source>rejected rows: %1</source>
        <translation>отклонено строк: %1</translation>
    </message>
</context>
<context>
    <name>InboxDialog</name>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="73" />
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="189" />
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="197" />
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="310" />
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="319" />
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="343" />
        <source>Sort scans</source>
        <translation>Разобрать сканы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="83" />
        <source>Drop a folder or PDF / image files of signed acts here, or choose them. Each act is found by the QR code in its title; the pages after it belong to it. The files themselves are not moved or changed.</source>
        <translation>Перетащите сюда папку или файлы PDF / изображения с подписанными актами или выберите их. Каждый акт находится по QR-коду в заголовке, следующие за ним страницы относятся к нему. Сами файлы не перемещаются и не изменяются.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="96" />
        <source>Choose files…</source>
        <translation>Выбрать файлы…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="98" />
        <source>Choose folder…</source>
        <translation>Выбрать папку…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="107" />
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="107" />
        <source>Pages</source>
        <translation>Страницы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="107" />
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="120" />
        <source>Act or UPD number, e.g. АС-12</source>
        <translation>Номер акта или УПД, например АС-12</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="121" />
        <source>Attach selected pages to this act</source>
        <translation>Прикрепить выбранные страницы к этому акту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="126" />
        <source>Not read or not stored:</source>
        <translation>Не прочитано или не сохранено:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="133" />
        <source>Number:</source>
        <translation>Номер:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="143" />
        <source>Filed:</source>
        <translation>Разложено:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="146" />
        <source>Unrecognised pages — select them and attach to an act by its number:</source>
        <translation>Нераспознанные страницы — выберите их и прикрепите к акту по его номеру:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="191" />
        <source>Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</source>
        <translation>Сканы (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="209" />
        <source>Reading pages…</source>
        <translation>Читаю страницы…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="218" />
        <source>Sorting scans</source>
        <translation>Разбор сканов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="242" />
        <source>, page %1</source>
        <translation>, стр. %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="254" />
        <source>queued: the shared folder is unreachable</source>
        <translation>в очереди: общая папка недоступна</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="255" />
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="284" />
        <source>already attached</source>
        <translation>уже прикреплён</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="266" />
        <source>page %1</source>
        <translation>стр. %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="281" />
        <source>pages</source>
        <translation>страниц</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="282" />
        <source>filed</source>
        <translation>разложено</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="283" />
        <source>queued</source>
        <translation>в очереди</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="285" />
        <source>unrecognised pages</source>
        <translation>не распознано страниц</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="286" />
        <source>errors</source>
        <translation>ошибок</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="311" />
        <source>No act or UPD with the number «%1».</source>
        <translation>Нет акта или УПД с номером «%1».</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="320" />
        <source>Several documents have this number. Which one is it?</source>
        <translation>С этим номером несколько документов. Какой из них?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="346" />
        <source>Attach the pages to the document %1 anyway?</source>
        <translation>Всё равно прикрепить страницы к документу %1?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scans/inbox_dialog.py" line="365" />
        <source>Attaching pages</source>
        <translation>Прикрепляю страницы</translation>
    </message>
</context>
<context>
    <name>LinesPage</name>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="370" />
        <source>Services</source>
        <translation>Услуги</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="371" />
        <source>Services from the catalogue with their prices.</source>
        <translation>Услуги из каталога и их цены.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="374" />
        <source>Service</source>
        <translation>Услуга</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="374" />
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="374" />
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="378" />
        <source>Add service</source>
        <translation>Добавить услугу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="380" />
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/ui/users/login_dialog.py" line="36" />
        <source>Sign in to AktDesk</source>
        <translation>Вход в AktDesk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/login_dialog.py" line="40" />
        <source>Server %1, database %2</source>
        <translation>Сервер %1, база данных %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/login_dialog.py" line="51" />
        <source>Remember the password</source>
        <translation>Запомнить пароль</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/login_dialog.py" line="53" />
        <source>Kept in the system keyring of this computer</source>
        <translation>Пароль хранится в хранилище паролей системы на этом компьютере</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/login_dialog.py" line="59" />
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/login_dialog.py" line="60" />
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/login_dialog.py" line="66" />
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/login_dialog.py" line="80" />
        <source>Enter your login.</source>
        <translation>Укажите логин.</translation>
    </message>
</context>
<context>
    <name>MailTemplatesDialog</name>
    <message>
        <location filename="../../desktop/ui/sending/templates_dialog.py" line="37" />
        <location filename="../../desktop/ui/sending/templates_dialog.py" line="211" />
        <source>Mail templates</source>
        <translation>Шаблоны писем</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/templates_dialog.py" line="54" />
        <source>First line «Тема: …», then a blank line and the text. Names: %1</source>
        <translation>Первая строка — «Тема: …», затем пустая строка и текст письма. Имена: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/templates_dialog.py" line="75" />
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/templates_dialog.py" line="78" />
        <source>Restore the default</source>
        <translation>Вернуть стандартный</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/templates_dialog.py" line="81" />
        <source>Forget the edited text: letters use the file of forms/mail again</source>
        <translation>Забыть изменённый текст: письма снова пойдут по файлу из forms/mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/templates_dialog.py" line="84" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/templates_dialog.py" line="101" />
        <source>Subject:</source>
        <translation>Тема:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/templates_dialog.py" line="146" />
        <source>Edited in the program: %1, %2</source>
        <translation>Изменён в программе: %1, %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/templates_dialog.py" line="151" />
        <source>Standard text (file %1)</source>
        <translation>Стандартный текст (файл %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/templates_dialog.py" line="176" />
        <source>Sample: the letter to %1</source>
        <translation>Пример: письмо клиенту %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/templates_dialog.py" line="212" />
        <source>Changes to «%1» are not saved. Close without saving?</source>
        <translation>Изменения в «%1» не сохранены. Закрыть без сохранения?</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="92" />
        <source>&amp;Contracts</source>
        <translation>&amp;Договоры</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="93" />
        <source>&amp;Month closing</source>
        <translation>Закрытие &amp;месяца</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="94" />
        <source>&amp;Acts registry</source>
        <translation>&amp;Реестр актов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="95" />
        <source>&amp;Payments</source>
        <translation>Пл&amp;атежи</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="96" />
        <source>Payment &amp;requests</source>
        <translation>За&amp;явки на оплату</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="100" />
        <source>&amp;Overview</source>
        <translation>&amp;Обзор</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="240" />
        <location filename="../../desktop/ui/main_window.py" line="517" />
        <source>No database connection</source>
        <translation>Нет подключения к базе данных</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="243" />
        <source>Database: %1</source>
        <translation>База данных: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="250" />
        <source>Single-user mode (SQLite): user — %1</source>
        <translation>Однопользовательский режим (SQLite): пользователь — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="257" />
        <source>%1: not in the users list</source>
        <translation>%1: нет в списке пользователей</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="259" />
        <source>%1 (%2), %3</source>
        <translation>%1 (%2), %3</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="267" />
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="268" />
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="272" />
        <source>Fill with &amp;demo data…</source>
        <translation>Заполнить &amp;демо-данными…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="276" />
        <source>&amp;Export to 1C…</source>
        <translation>&amp;Выгрузка в 1С…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="280" />
        <source>E&amp;xit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="285" />
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="286" />
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="314" />
        <source>&amp;Sales ledger…</source>
        <translation>Книга &amp;продаж…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="293" />
        <source>&amp;Directories</source>
        <translation>С&amp;правочники</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="97" />
        <source>&amp;Document requests</source>
        <translation>Запросы док&amp;ументов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="131" />
        <source>Notifications</source>
        <translation>Уведомления</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="132" />
        <source>The notification's object was not found</source>
        <translation>Объект уведомления не найден</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="294" />
        <source>&amp;Counterparties…</source>
        <translation>&amp;Контрагенты…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="297" />
        <source>&amp;Own legal entities…</source>
        <translation>&amp;Свои юрлица…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="300" />
        <source>&amp;Users and roles…</source>
        <translation>&amp;Пользователи и роли…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="303" />
        <source>&amp;Budget items and cost centres…</source>
        <translation>&amp;Статьи ДДС и ЦФО…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="306" />
        <source>&amp;Approval routes…</source>
        <translation>&amp;Маршруты согласования…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="309" />
        <source>&amp;Mail templates…</source>
        <translation>&amp;Шаблоны писем…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="313" />
        <source>&amp;Accounting</source>
        <translation>&amp;Бухгалтерия</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="317" />
        <source>&amp;Advances…</source>
        <translation>&amp;Авансы…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="321" />
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="322" />
        <source>Open the &amp;log file</source>
        <translation>Открыть &amp;журнал работы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="325" />
        <source>&amp;Change log…</source>
        <translation>Журнал &amp;изменений…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="328" />
        <source>&amp;About AktDesk</source>
        <translation>&amp;О программе AktDesk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="384" />
        <source>Advance VAT invoices issued: %1</source>
        <translation>Выставлены счета-фактуры на аванс: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="386" />
        <source>(not issued: %1, see Accounting → Advances)</source>
        <translation>(не выставлены: %1, см. «Бухгалтерия → Авансы»)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="400" />
        <source>Advance VAT invoices</source>
        <translation>Счета-фактуры на аванс</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="460" />
        <source>About AktDesk</source>
        <translation>О программе AktDesk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="461" />
        <source>AktDesk %1: month closing, acts registry and payments.</source>
        <translation>AktDesk %1: закрытие месяца, реестр актов и платежи.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="491" />
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="504" />
        <location filename="../../desktop/ui/main_window.py" line="517" />
        <source>Demo data</source>
        <translation>Демо-данные</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="504" />
        <source>Number of clients:</source>
        <translation>Число клиентов:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="538" />
        <source>Demo data cancelled: the next start of the demo completes them.</source>
        <translation>Заполнение демо-данных отменено: при следующем запуске демо оно будет завершено.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="541" />
        <location filename="../../desktop/ui/main_window.py" line="546" />
        <source>Filling demo data</source>
        <translation>Заполнение демо-данными</translation>
    </message>
</context>
<context>
    <name>Months</name>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="15" />
        <source>January</source>
        <translation>Январь</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="16" />
        <source>February</source>
        <translation>Февраль</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="17" />
        <source>March</source>
        <translation>Март</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="18" />
        <source>April</source>
        <translation>Апрель</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="19" />
        <source>May</source>
        <translation>Май</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="20" />
        <source>June</source>
        <translation>Июнь</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="21" />
        <source>July</source>
        <translation>Июль</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="22" />
        <source>August</source>
        <translation>Август</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="23" />
        <source>September</source>
        <translation>Сентябрь</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="24" />
        <source>October</source>
        <translation>Октябрь</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="25" />
        <source>November</source>
        <translation>Ноябрь</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="26" />
        <source>December</source>
        <translation>Декабрь</translation>
    </message>
</context>
<context>
    <name>MonthsShort</name>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="29" />
        <source>Jan</source>
        <translation>янв</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="30" />
        <source>Feb</source>
        <translation>фев</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="31" />
        <source>Mar</source>
        <translation>мар</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="32" />
        <source>Apr</source>
        <translation>апр</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="33" />
        <source>May</source>
        <translation>май</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="34" />
        <source>Jun</source>
        <translation>июн</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="35" />
        <source>Jul</source>
        <translation>июл</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="36" />
        <source>Aug</source>
        <translation>авг</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="37" />
        <source>Sep</source>
        <translation>сен</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="38" />
        <source>Oct</source>
        <translation>окт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="39" />
        <source>Nov</source>
        <translation>ноя</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/periods.py" line="40" />
        <source>Dec</source>
        <translation>дек</translation>
    </message>
</context>
<context>
    <name>NotificationsButton</name>
    <message>
        <location filename="../../desktop/ui/notifications/button.py" line="74" />
        <source>Notifications: %1</source>
        <translation>Уведомления: %1</translation>
    </message>
</context>
<context>
    <name>NotificationsDialog</name>
    <message>
        <location filename="../../desktop/ui/notifications/dialog.py" line="35" />
        <source>Notifications</source>
        <translation>Уведомления</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notifications/dialog.py" line="51" />
        <source>No notifications</source>
        <translation>Уведомлений нет</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notifications/dialog.py" line="52" />
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="156" />
        <source>Month closing: contracts per month</source>
        <translation>Закрытие месяца: договоры по месяцам</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="159" />
        <source>Unsigned acts and UPD by age, thousand ₽</source>
        <translation>Неподписанные акты и УПД по давности, тыс. ₽</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="162" />
        <source>Unsigned acts and UPD by manager, thousand ₽</source>
        <translation>Неподписанные акты и УПД по менеджерам, тыс. ₽</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="165" />
        <source>Receivables by age (unpaid invoices)</source>
        <translation>Дебиторская задолженность по давности (неоплаченные счета)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="168" />
        <source>Receivables: top 10 clients, thousand ₽</source>
        <translation>Дебиторская задолженность: топ-10 клиентов, тыс. ₽</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="225" />
        <source>Clients of %1</source>
        <translation>Клиенты менеджера: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="227" />
        <source>All clients</source>
        <translation>Все клиенты</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="256" />
        <source>Updating…</source>
        <translation>Обновление…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/report.py" line="42" />
        <location filename="../../desktop/ui/overview/tab.py" line="258" />
        <source>Overview</source>
        <translation>Обзор</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="384" />
        <source>AktDesk overview on %1</source>
        <translation>AktDesk: обзор на %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="121" />
        <source>R&amp;efresh</source>
        <translation>Об&amp;новить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="123" />
        <source>E&amp;xport PDF…</source>
        <translation>&amp;Экспорт в PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="266" />
        <source>0–30 days</source>
        <translation>0–30 дн.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="267" />
        <source>31–60 days</source>
        <translation>31–60 дн.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="268" />
        <source>61–90 days</source>
        <translation>61–90 дн.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="269" />
        <source>over 90 days</source>
        <translation>более 90 дн.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="277" />
        <location filename="../../desktop/ui/overview/tab.py" line="337" />
        <location filename="../../desktop/ui/overview/tab.py" line="345" />
        <source>Acts and UPD not signed</source>
        <translation>Не подписаны акты и УПД</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="278" />
        <location filename="../../desktop/ui/overview/tab.py" line="359" />
        <source>Unpaid invoices</source>
        <translation>Неоплаченные счета</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="279" />
        <source>Unallocated payments</source>
        <translation>Неразнесённые платежи</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="280" />
        <source>Requests waiting for my approval</source>
        <translation>Заявки ждут моего согласования</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="281" />
        <source>My requests on approval</source>
        <translation>Мои заявки на согласовании</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="282" />
        <source>Requests to pay this week</source>
        <translation>Заявки к оплате на этой неделе</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="283" />
        <source>Contracts ending within 30 days</source>
        <translation>Договоры истекают в ближайшие 30 дней</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="284" />
        <source>Contracts ending within 60 days</source>
        <translation>Договоры истекают в ближайшие 60 дней</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="285" />
        <location filename="../../desktop/ui/overview/tab.py" line="328" />
        <source>Closed contracts</source>
        <translation>Закрыто</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="286" />
        <location filename="../../desktop/ui/overview/tab.py" line="329" />
        <source>Contracts not closed</source>
        <translation>Не закрыто</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="287" />
        <location filename="../../desktop/ui/overview/tab.py" line="330" />
        <source>Closing failed</source>
        <translation>Ошибка закрытия</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="294" />
        <source>No manager</source>
        <translation>Без менеджера</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="302" />
        <source>Documents: %1</source>
        <translation>Документов: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="304" />
        <source>Amount: %1 ₽</source>
        <translation>Сумма: %1 ₽</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="309" />
        <source>Updated: %1</source>
        <translation>Обновлено: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="320" />
        <source>%1 ₽</source>
        <translation>%1 ₽</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="322" />
        <source>%1 ₽ a month</source>
        <translation>%1 ₽ в месяц</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="332" />
        <source>contracts</source>
        <translation>договоров</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="339" />
        <location filename="../../desktop/ui/overview/tab.py" line="347" />
        <location filename="../../desktop/ui/overview/tab.py" line="361" />
        <source>thousand ₽</source>
        <translation>тыс. ₽</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="372" />
        <location filename="../../desktop/ui/overview/tab.py" line="379" />
        <location filename="../../desktop/ui/overview/tab.py" line="390" />
        <source>Export PDF</source>
        <translation>Экспорт в PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="379" />
        <source>The overview is still being computed.</source>
        <translation>Обзор ещё рассчитывается.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="391" />
        <source>The PDF report could not be written to %1: %2</source>
        <translation>Не удалось записать PDF-отчёт в %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/tab.py" line="398" />
        <source>PDF report saved: %1</source>
        <translation>PDF-отчёт сохранён: %1</translation>
    </message>
</context>
<context>
    <name>OwnEntitiesDialog</name>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="356" />
        <source>Own legal entities</source>
        <translation>Свои юрлица</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="360" />
        <source>New own entity…</source>
        <translation>Новое юрлицо…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="361" />
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
</context>
<context>
    <name>OwnEntityCard</name>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="151" />
        <source>Own legal entity</source>
        <translation>Своё юрлицо</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="165" />
        <source>Short name</source>
        <translation>Краткое наименование</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="166" />
        <source>Full name</source>
        <translation>Полное наименование</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="167" />
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="168" />
        <source>KPP</source>
        <translation>КПП</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="169" />
        <source>OGRN / OGRNIP</source>
        <translation>ОГРН / ОГРНИП</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="170" />
        <source>Legal address</source>
        <translation>Юридический адрес</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="171" />
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="172" />
        <source>Document number prefix</source>
        <translation>Префикс номеров документов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="173" />
        <source>Contract number pattern</source>
        <translation>Шаблон номера договора</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="174" />
        <source>Signer's position</source>
        <translation>Должность подписанта</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="175" />
        <source>Signer</source>
        <translation>Подписант</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="176" />
        <source>Acting on the basis of</source>
        <translation>Действует на основании</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="177" />
        <source>Chief accountant</source>
        <translation>Главный бухгалтер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="178" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="179" />
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="180" />
        <source>EDO participant ID</source>
        <translation>ID участника ЭДО</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="193" />
        <source>VAT at the general rate (22%)</source>
        <translation>НДС по общей ставке (22%)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="194" />
        <source>VAT 10%</source>
        <translation>НДС 10%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="195" />
        <source>VAT 0%</source>
        <translation>НДС 0%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="196" />
        <source>Without VAT (not a VAT payer)</source>
        <translation>Без НДС (не плательщик НДС)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="197" />
        <source>Simplified system, VAT 5%</source>
        <translation>УСН, НДС 5%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="198" />
        <source>Simplified system, VAT 7%</source>
        <translation>УСН, НДС 7%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="201" />
        <source>VAT regime</source>
        <translation>Режим НДС</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="209" />
        <source>Stamp (PNG)</source>
        <translation>Печать (PNG)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="210" />
        <source>Facsimile (PNG)</source>
        <translation>Факсимиле (PNG)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="233" />
        <source>Bank</source>
        <translation>Банк</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="234" />
        <source>BIK</source>
        <translation>БИК</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="235" />
        <source>Settlement account</source>
        <translation>Расчётный счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="236" />
        <source>Correspondent account</source>
        <translation>Корреспондентский счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="237" />
        <source>Main</source>
        <translation>Основной</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="243" />
        <source>Add account</source>
        <translation>Добавить счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="251" />
        <source>Bank accounts</source>
        <translation>Банковские счета</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="255" />
        <source>Requisites</source>
        <translation>Реквизиты</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/parties/directory.py" line="256" />
        <source>History</source>
        <translation>История</translation>
    </message>
</context>
<context>
    <name>PartiesPage</name>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="84" />
        <source>Client and own entity</source>
        <translation>Клиент и юрлицо</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="85" />
        <source>Only the own entities of your region are offered.</source>
        <translation>Предлагаются только юрлица вашего региона.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="98" />
        <source>Based on last year's contract</source>
        <translation>На основе договора прошлого года</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="109" />
        <source>Client:</source>
        <translation>Клиент:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="110" />
        <source>Own entity:</source>
        <translation>Юрлицо:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="114" />
        <source>Previous contract:</source>
        <translation>Прошлый договор:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="144" />
        <source>The own entity of that contract is not offered to you.</source>
        <translation>Юрлицо того договора вам недоступно.</translation>
    </message>
</context>
<context>
    <name>PaymentsTab</name>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="70" />
        <source>&amp;Import statements…</source>
        <translation>Загрузить в&amp;ыписки…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="73" />
        <location filename="../../desktop/ui/payments/tab.py" line="319" />
        <location filename="../../desktop/ui/payments/tab.py" line="323" />
        <source>or drop 1C bank statement files (kl_to_1c.txt) onto this tab</source>
        <translation>или перетащите файлы выписок 1С (kl_to_1c.txt) на эту вкладку</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="86" />
        <source>Search by number, client or INN</source>
        <translation>Поиск по номеру, клиенту или ИНН</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="92" />
        <source>Any payment</source>
        <translation>Любая оплата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="93" />
        <source>Not fully paid</source>
        <translation>Не оплачены полностью</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="94" />
        <source>Unpaid</source>
        <translation>Не оплачены</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="95" />
        <source>Partly paid</source>
        <translation>Оплачены частично</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="96" />
        <source>Paid</source>
        <translation>Оплачены</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="110" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="111" />
        <source>Order No.</source>
        <translation>№ п/п</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="112" />
        <source>Payer</source>
        <translation>Плательщик</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="113" />
        <source>Payment amount</source>
        <translation>Сумма платежа</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="114" />
        <source>Applied here</source>
        <translation>Зачтено в счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="115" />
        <source>How</source>
        <translation>Как разнесено</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="123" />
        <source>&amp;Undo this allocation</source>
        <translation>Отм&amp;енить разнесение</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="148" />
        <source>Assig&amp;n to invoices…</source>
        <translation>Разнести по с&amp;четам…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="151" />
        <source>Not a client pa&amp;yment</source>
        <translation>&amp;Не оплата клиента</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="126" />
        <source>Payments behind the selected invoice</source>
        <translation>Платежи, зачтённые в выбранный счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="128" />
        <source>Invoices and their payment state</source>
        <translation>Счета и их оплата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="153" />
        <source>A refund, a loan or a transfer: remove it from the queue</source>
        <translation>Возврат, заём или перевод: убрать платёж из очереди</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="155" />
        <location filename="../../desktop/ui/payments/tab.py" line="339" />
        <location filename="../../desktop/ui/payments/tab.py" line="359" />
        <location filename="../../desktop/ui/payments/tab.py" line="370" />
        <source>Unallocated payments</source>
        <translation>Неразнесённые платежи</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="210" />
        <source>Receipts nobody has applied yet: %1, grouped by region and manager</source>
        <translation>Поступления, ещё не разнесённые по счетам: %1 (по регионам и менеджерам)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="247" />
        <location filename="../../desktop/ui/payments/tab.py" line="260" />
        <location filename="../../desktop/ui/payments/tab.py" line="296" />
        <source>Bank statements</source>
        <translation>Выписки банка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="249" />
        <source>1C bank exchange files (*.txt);;All files (*)</source>
        <translation>Файлы обмена с банком 1С (*.txt);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="260" />
        <source>The previous import is still running.</source>
        <translation>Предыдущая загрузка ещё идёт.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="272" />
        <source>Importing bank statements</source>
        <translation>Загрузка выписок банка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="297" />
        <source>Some files were not imported (nothing was taken from them):</source>
        <translation>Некоторые файлы не загружены (из них не взято ничего):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="307" />
        <source>Release to import the statements</source>
        <translation>Отпустите, чтобы загрузить выписки</translation>
    </message>
</context>
<context>
    <name>PlanModel</name>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="69" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="70" />
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="71" />
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="72" />
        <source>Own entity</source>
        <translation>Юрлицо</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="73" />
        <source>Net</source>
        <translation>Без НДС</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="74" />
        <source>VAT</source>
        <translation>НДС</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="75" />
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="76" />
        <source>Documents</source>
        <translation>Документы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="77" />
        <source>Warnings</source>
        <translation>Предупреждения</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="123" />
        <source>already closed</source>
        <translation>уже закрыт</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../desktop/ui/app.py" line="60" />
        <source>&amp;Look in:</source>
        <translation>&amp;Папка:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="61" />
        <source>Files of &amp;type:</source>
        <translation>&amp;Тип файлов:</translation>
    </message>
</context>
<context>
    <name>RegistryTab</name>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="76" />
        <source>Search by number, client, INN or e-mail</source>
        <translation>Поиск по номеру, клиенту, ИНН или e-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="82" />
        <source>All documents</source>
        <translation>Все документы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="83" />
        <source>Acts</source>
        <translation>Акты</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="84" />
        <source>Invoices</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="85" />
        <source>UPD</source>
        <translation>УПД</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="86" />
        <source>Corrections (UKD)</source>
        <translation>Корректировки (УКД)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="87" />
        <source>VAT invoices</source>
        <translation>Счета-фактуры</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="88" />
        <source>Acts and UPD</source>
        <translation>Акты и УПД</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="91" />
        <source>from any period</source>
        <translation>с любого периода</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="92" />
        <source>to any period</source>
        <translation>по любой период</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="94" />
        <source>All managers</source>
        <translation>Все менеджеры</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="98" />
        <source>Signed or not</source>
        <translation>Подписанные и нет</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="98" />
        <source>Unsigned</source>
        <translation>Неподписанные</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="98" />
        <source>Signed</source>
        <translation>Подписанные</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="104" />
        <source>Any payment</source>
        <translation>Любая оплата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="105" />
        <source>Not fully paid</source>
        <translation>Не оплачены полностью</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="106" />
        <source>Unpaid</source>
        <translation>Не оплачены</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="107" />
        <source>Partly paid</source>
        <translation>Оплачены частично</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="108" />
        <source>Paid</source>
        <translation>Оплачены</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="114" />
        <source>Closed or not</source>
        <translation>Закрытые и нет</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="114" />
        <source>Not closed</source>
        <translation>Не закрытые</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="114" />
        <source>Closed</source>
        <translation>Закрытые</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="118" />
        <source>E&amp;xport…</source>
        <translation>Вы&amp;грузить…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="120" />
        <source>A&amp;ttach scan…</source>
        <translation>Прикрепить с&amp;кан…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="122" />
        <source>Sort scan&amp;s…</source>
        <translation>Ра&amp;зобрать сканы…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="127" />
        <source>Remind cl&amp;ients…</source>
        <translation>&amp;Напомнить клиентам…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="124" />
        <source>A folder or a multi-page scan of signed acts: each act is found by its QR code</source>
        <translation>Папка или многостраничный скан подписанных актов: каждый акт находится по своему QR-коду</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="129" />
        <source>E-mail each client its unsigned acts: the selected rows, or all filtered</source>
        <translation>Письмо каждому клиенту о его неподписанных актах: выделенные строки или все по фильтру</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="292" />
        <source>Documents: %1   Amount: %2   Not paid: %3</source>
        <translation>Документов: %1   Сумма: %2   Не оплачено: %3</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="303" />
        <source>Send queued scans (%1)</source>
        <translation>Отправить очередь сканов (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="318" />
        <source> and %1 more file(s)</source>
        <translation> и ещё файлов: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="321" />
        <source>Drop on № %1%2: </source>
        <translation>Бросить на № %1%2: </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="329" />
        <location filename="../../desktop/ui/registry/tab.py" line="333" />
        <location filename="../../desktop/ui/registry/tab.py" line="364" />
        <location filename="../../desktop/ui/registry/tab.py" line="385" />
        <source>Attach scan</source>
        <translation>Прикрепить скан</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="329" />
        <source>Select a document first.</source>
        <translation>Сначала выберите документ.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="335" />
        <source>Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</source>
        <translation>Сканы (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="367" />
        <source>Attach it to the document %1 anyway?</source>
        <translation>Всё равно прикрепить к документу %1?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="390" />
        <source>Copying the scan to the shared folder</source>
        <translation>Копирование скана на общую папку</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="425" />
        <source>Sent to the shared folder: %1; still queued: %2</source>
        <translation>Отправлено на общую папку: %1; осталось в очереди: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="431" />
        <source>Scan queue</source>
        <translation>Очередь сканов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="434" />
        <source>Sending queued scans</source>
        <translation>Отправка сканов из очереди</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="488" />
        <location filename="../../desktop/ui/registry/tab.py" line="500" />
        <source>Export</source>
        <translation>Выгрузка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="504" />
        <source>Exported rows: %1</source>
        <translation>Выгружено строк: %1</translation>
    </message>
</context>
<context>
    <name>RemindDialog</name>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="482" />
        <source>Remind clients about unsigned acts</source>
        <translation>Напоминание клиентам о неподписанных актах</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="485" />
        <source>One message per client lists its unsigned acts and UPDs (signed ones and invoices are left out).</source>
        <translation>Каждому клиенту — одно письмо со списком его неподписанных актов и УПД (подписанные и счета не входят).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="488" />
        <source>Attach the PDFs again</source>
        <translation>Приложить PDF повторно</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="490" />
        <source>Remind again clients reminded today</source>
        <translation>Напомнить повторно тем, кому уже напоминали сегодня</translation>
    </message>
</context>
<context>
    <name>RequestCard</name>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="169" />
        <source>Type a name or INN to fill the requisites</source>
        <translation>Начните вводить название или ИНН — реквизиты заполнятся</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="177" />
        <source>e.g. for communication services, invoice № 45 of 02.11.2026</source>
        <translation>например: за услуги связи по счёту № 45 от 02.11.2026</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="198" />
        <source>Suggest</source>
        <translation>Заполнить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="199" />
        <source>Write the purpose from what we pay for, the amount and VAT</source>
        <translation>Составить назначение платежа из «за что платим», суммы и НДС</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="226" />
        <source>Payer</source>
        <translation>Плательщик</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="227" />
        <source>What we pay for*</source>
        <translation>За что платим*</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="228" />
        <source>From the directory</source>
        <translation>Из справочника</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="230" />
        <source>Contractor*</source>
        <translation>Подрядчик*</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="234" />
        <source>Currency*</source>
        <translation>Валюта*</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="236" />
        <source>VAT</source>
        <translation>НДС</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="238" />
        <source>Invoice amount*</source>
        <translation>Сумма счёта*</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="239" />
        <source>Pay by*</source>
        <translation>Оплатить до*</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="256" />
        <source>Contractor's requisites*</source>
        <translation>Реквизиты подрядчика*</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="260" />
        <source>KPP</source>
        <translation>КПП</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="262" />
        <source>INN*</source>
        <translation>ИНН*</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="264" />
        <source>Bank</source>
        <translation>Банк</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="268" />
        <source>Bank BIK</source>
        <translation>БИК банка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="271" />
        <source>Settlement account*</source>
        <translation>Р/с*</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="275" />
        <source>Correspondent account</source>
        <translation>К/с</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="213" />
        <source>Payment purpose* (with VAT, at most %1 characters)</source>
        <translation>Назначение платежа* (с НДС, не больше %1 символов)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="90" />
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="91" />
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="92" />
        <source>Title</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="93" />
        <source>Decision</source>
        <translation>Решение</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="94" />
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="97" />
        <source>approved</source>
        <translation>согласовано</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="98" />
        <source>rejected</source>
        <translation>отказано</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="99" />
        <source>returned</source>
        <translation>возвращено</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="244" />
        <source>Cost centre*</source>
        <translation>ЦФО*</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="244" />
        <source>Cost centre</source>
        <translation>ЦФО</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="249" />
        <source>Budget item*</source>
        <translation>Статья ДДС*</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="249" />
        <source>Budget item</source>
        <translation>Статья ДДС</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="313" />
        <source>Approval route</source>
        <translation>Маршрут согласования</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="324" />
        <source>A comment (required to reject or return for revision)</source>
        <translation>Комментарий (обязателен, чтобы отказать или вернуть на доработку)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="326" />
        <source>Add comment</source>
        <translation>Добавить комментарий</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="329" />
        <source>E-invoice…</source>
        <translation>Эл. версия счёта…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="330" />
        <source>Payment order…</source>
        <translation>Платёжное поручение…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="331" />
        <source>Drop files on the card to attach them as the e-invoice.</source>
        <translation>Перетащите файлы на карточку, чтобы приложить их как электронную версию счёта.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="336" />
        <source>History and comments</source>
        <translation>История и комментарии</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="344" />
        <source>Attachments</source>
        <translation>Вложения</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="356" />
        <source>Save draft</source>
        <translation>Сохранить черновик</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="358" />
        <source>Submit for approval</source>
        <translation>На согласование</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="359" />
        <source>Approve</source>
        <translation>Согласовать</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="360" />
        <source>Return for revision</source>
        <translation>Вернуть на доработку</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="361" />
        <source>Reject</source>
        <translation>Отказать</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="362" />
        <source>Mark paid</source>
        <translation>Отметить оплату</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="364" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="446" />
        <source>New payment request</source>
        <translation>Новая заявка на оплату</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="452" />
        <location filename="../../desktop/ui/requests/card.py" line="453" />
        <location filename="../../desktop/ui/requests/card.py" line="454" />
        <location filename="../../desktop/ui/requests/card.py" line="455" />
        <source>Save and submit the request first.</source>
        <translation>Сначала сохраните заявку и отправьте её на согласование.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="456" />
        <location filename="../../desktop/ui/requests/card.py" line="457" />
        <location filename="../../desktop/ui/requests/card.py" line="935" />
        <source>Save the request first.</source>
        <translation>Сначала сохраните заявку.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="495" />
        <source>Payment request № %1 of %2</source>
        <translation>Заявка на оплату № %1 от %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="503" />
        <source>payment order exported %1</source>
        <translation>платёжное поручение выгружено %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="537" />
        <source>comment</source>
        <translation>комментарий</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="578" />
        <source>Previous rounds</source>
        <translation>Предыдущие круги</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="582" />
        <source>Round %1</source>
        <translation>Круг %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="597" />
        <source>any approver</source>
        <translation>любой согласующий</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="603" />
        <source>waiting</source>
        <translation>ждёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="605" />
        <source>next</source>
        <translation>в очереди</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="672" />
        <source>By the item «%1» in %2: paid %3, approved for payment %4</source>
        <translation>По статье «%1» в %2: оплачено %3, согласовано к оплате %4</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="683" />
        <source>E-invoice</source>
        <translation>Эл. версия счёта</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="683" />
        <source>Payment order</source>
        <translation>Платёжное поручение</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="684" />
        <source>waiting in the queue</source>
        <translation>ждёт в очереди</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="734" />
        <source>%1 of %2 characters</source>
        <translation>%1 из %2 символов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="861" />
        <source>Sending the e-mail to the approvers…</source>
        <translation>Письмо согласующим отправляется…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="870" />
        <location filename="../../desktop/ui/requests/card.py" line="885" />
        <source>The e-mail to the approvers was not sent: %1</source>
        <translation>Письмо согласующим не отправлено: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="877" />
        <source>E-mail sent to the approvers: %1</source>
        <translation>Письмо согласующим отправлено: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="891" />
        <source>Sending the e-mail to the approvers</source>
        <translation>Отправка письма согласующим</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="924" />
        <source>Attach a file</source>
        <translation>Прикрепить файл</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="926" />
        <source>PDF or pictures (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</source>
        <translation>PDF или изображения (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/card.py" line="958" />
        <source>Copying the file to the shared folder</source>
        <translation>Копирование файла на общую папку</translation>
    </message>
</context>
<context>
    <name>RequestForm</name>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="93" />
        <source>New client…</source>
        <translation>Новый клиент…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="102" />
        <source>Prepayment 100%</source>
        <translation>Предоплата 100%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="103" />
        <source>Prepayment 70%, the rest 30% after the act</source>
        <translation>Предоплата 70%, остальные 30% после акта</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="104" />
        <source>Postpayment</source>
        <translation>Постоплата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="110" />
        <source>until</source>
        <translation>по</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="114" />
        <source>The contract allows a facsimile (copies with the stamp too)</source>
        <translation>Договор допускает факсимиле (экземпляры и с печатью)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="118" />
        <source>Service</source>
        <translation>Услуга</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="118" />
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="118" />
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="122" />
        <source>Add service</source>
        <translation>Добавить услугу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="123" />
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="125" />
        <source>What the accountant should know</source>
        <translation>Что нужно знать бухгалтеру</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="134" />
        <source>Region:</source>
        <translation>Регион:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="135" />
        <source>Own entity:</source>
        <translation>Юрлицо:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="137" />
        <source>Client:</source>
        <translation>Клиент:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="146" />
        <source>Documents wanted:</source>
        <translation>Что нужно:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="147" />
        <source>Contract form:</source>
        <translation>Форма договора:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="148" />
        <source>Existing contract:</source>
        <translation>Существующий договор:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="149" />
        <source>Payment:</source>
        <translation>Оплата:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="152" />
        <source>contract of</source>
        <translation>договор от</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="154" />
        <source>invoice of</source>
        <translation>счёт от</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="158" />
        <source>Dates:</source>
        <translation>Даты:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="161" />
        <source>from</source>
        <translation>с</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="162" />
        <source>Services:</source>
        <translation>Услуги:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="173" />
        <source>Comment:</source>
        <translation>Комментарий:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="204" />
        <source>Any region</source>
        <translation>Любой регион</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="297" />
        <source>(not sold by this entity)</source>
        <translation>(не продаётся этим юрлицом)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/doc_requests/form.py" line="432" />
        <source>To send it, fill in: %1</source>
        <translation>Чтобы отправить, заполните: %1</translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="24" />
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="25" />
        <source>On approval</source>
        <translation>На согласовании</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="26" />
        <source>Approved for payment</source>
        <translation>Согласован к оплате</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="27" />
        <source>Paid</source>
        <translation>Оплачен</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="28" />
        <source>Rejected</source>
        <translation>Отказано</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="70" />
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="71" />
        <source>Created</source>
        <translation>Создана</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="72" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="73" />
        <source>Pay by</source>
        <translation>Оплатить до</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="74" />
        <source>Contractor</source>
        <translation>Подрядчик</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="75" />
        <source>What we pay for</source>
        <translation>За что платим</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="77" />
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="79" />
        <source>Payer</source>
        <translation>Плательщик</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="80" />
        <source>Initiator</source>
        <translation>Инициатор</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="81" />
        <source>Waiting for</source>
        <translation>Ждёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="82" />
        <source>Budget item</source>
        <translation>Статья ДДС</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/model.py" line="147" />
        <source>exported</source>
        <translation>выгружено</translation>
    </message>
</context>
<context>
    <name>RequestsTab</name>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="70" />
        <source>Search by number, contractor, INN or purpose</source>
        <translation>Поиск по номеру, подрядчику, ИНН или назначению</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="76" />
        <source>All requests</source>
        <translation>Все заявки</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="77" />
        <source>My requests</source>
        <translation>Мои заявки</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="78" />
        <source>Waiting for my approval</source>
        <translation>Ждут моего согласования</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="79" />
        <source>Due this week</source>
        <translation>К оплате на этой неделе</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="85" />
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="88" />
        <source>&amp;New request…</source>
        <translation>&amp;Новая заявка…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="89" />
        <source>Op&amp;en</source>
        <translation>Откр&amp;ыть</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="91" />
        <source>E&amp;xport approved to the bank…</source>
        <translation>Вы&amp;грузить согласованные в банк…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="157" />
        <source>Approved requests not exported yet, as payment orders (1CClientBankExchange) for the bank client</source>
        <translation>Согласованные и ещё не выгруженные заявки — платёжными поручениями (1CClientBankExchange) для клиент-банка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="160" />
        <source>Only an accountant or an admin exports payment orders.</source>
        <translation>Выгружает платёжные поручения только бухгалтер или администратор.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="207" />
        <source>Requests: %1   Amount: %2</source>
        <translation>Заявок: %1   Сумма: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="236" />
        <location filename="../../desktop/ui/requests/tab.py" line="249" />
        <location filename="../../desktop/ui/requests/tab.py" line="268" />
        <location filename="../../desktop/ui/requests/tab.py" line="278" />
        <source>Export payment orders</source>
        <translation>Выгрузка платёжных поручений</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="236" />
        <source>Bank exchange file (*.txt)</source>
        <translation>Файл обмена с банком (*.txt)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="251" />
        <source>One payment orders file is one payer's account: choose one own entity in the filter.</source>
        <translation>Один файл платёжных поручений — один счёт плательщика: выберите в фильтре одно юрлицо.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="269" />
        <source>Payment orders: %1 for %2 (%3) → %4</source>
        <translation>Платёжных поручений: %1 на сумму %2 (%3) → %4</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/requests/tab.py" line="281" />
        <source>Writing payment orders</source>
        <translation>Запись платёжных поручений</translation>
    </message>
</context>
<context>
    <name>SalesLedgerDialog</name>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="64" />
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="184" />
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="274" />
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="304" />
        <source>Sales ledger</source>
        <translation>Книга продаж</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="89" />
        <source>%1 quarter</source>
        <translation>%1 квартал</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="92" />
        <source>All own entities</source>
        <translation>Все юрлица</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="98" />
        <source>%1, INN %2</source>
        <translation>%1, ИНН %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="100" />
        <source>Seller</source>
        <translation>Продавец</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="115" />
        <source>&amp;Build</source>
        <translation>&amp;Сформировать</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="118" />
        <source>&amp;Save to Excel…</source>
        <translation>Сохранить в &amp;Excel…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="130" />
        <source>&amp;Quarter:</source>
        <translation>&amp;Квартал:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="133" />
        <source>Own &amp;entity:</source>
        <translation>&amp;Юрлицо:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="139" />
        <source>Check</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="182" />
        <source>Building…</source>
        <translation>Формируется…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="204" />
        <source>Total</source>
        <translation>Всего</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="232" />
        <source>All the quarter's VAT invoices are in the ledger once, the totals equal the registry's</source>
        <translation>Все счета-фактуры квартала в книге по одному разу, итоги совпадают с реестром</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="234" />
        <source>No VAT invoices in the quarter, the registry has none either</source>
        <translation>Счетов-фактур за квартал нет, в реестре их тоже нет</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="254" />
        <source>Save the sales ledger</source>
        <translation>Сохранить книгу продаж</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="256" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="270" />
        <source>Saving…</source>
        <translation>Сохраняется…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/books/sales_ledger_dialog.py" line="287" />
        <source>Saved: %1 rows, %2 with VAT → %3</source>
        <translation>Сохранено: строк %1, %2 с НДС → %3</translation>
    </message>
</context>
<context>
    <name>SavedFiltersBar</name>
    <message>
        <location filename="../../desktop/ui/common/saved_filters.py" line="58" />
        <source>Sa&amp;ve filter…</source>
        <translation>Со&amp;хранить фильтр…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/saved_filters.py" line="59" />
        <source>De&amp;lete</source>
        <translation>Уда&amp;лить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/saved_filters.py" line="73" />
        <source>Saved filters</source>
        <translation>Сохранённые фильтры</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/saved_filters.py" line="85" />
        <source>Save filter</source>
        <translation>Сохранить фильтр</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/common/saved_filters.py" line="85" />
        <source>Filter name:</source>
        <translation>Название фильтра:</translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="383" />
        <source>Send documents to clients — %1</source>
        <translation>Отправка документов клиентам — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="386" />
        <source>Each client gets its documents of %1 (PDF) at the e-mails of its card. Sent through %2.</source>
        <translation>Каждый клиент получит свои документы за %1 (PDF) на e-mail из своей карточки. Сервер отправки: %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="389" />
        <source>(no mail server in the settings)</source>
        <translation>(сервер почты не указан в настройках)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="392" />
        <source>Attach DOCX</source>
        <translation>Приложить DOCX</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="395" />
        <source>Attach UPD XML</source>
        <translation>Приложить XML УПД</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="402" />
        <source>Export UPD for EDO…</source>
        <translation>Выгрузить УПД для ЭДО…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="448" />
        <source>UPD files exported: %1 for %2 client(s) to %3</source>
        <translation>Выгружено файлов УПД: %1, клиентов: %2, в папку %3</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="457" />
        <location filename="../../desktop/ui/sending/dialog.py" line="463" />
        <source>Export UPD for EDO</source>
        <translation>Выгрузка УПД для ЭДО</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="79" />
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="113" />
        <source>Embedded database (SQLite file)</source>
        <translation>Встроенная база данных (файл SQLite)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="114" />
        <source>PostgreSQL server (several users)</source>
        <translation>Сервер PostgreSQL (несколько пользователей)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="127" />
        <location filename="../../desktop/ui/settings/dialog.py" line="208" />
        <source>stored in the system keyring</source>
        <translation>хранится в системном хранилище паролей</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="131" />
        <source>Database</source>
        <translation>База данных</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="134" />
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="134" />
        <source>SQLite file</source>
        <translation>Файл SQLite</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="136" />
        <location filename="../../desktop/ui/settings/dialog.py" line="242" />
        <source>Server:</source>
        <translation>Сервер:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="137" />
        <location filename="../../desktop/ui/settings/dialog.py" line="241" />
        <source>Port:</source>
        <translation>Порт:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="138" />
        <source>Database:</source>
        <translation>База данных:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="139" />
        <source>User:</source>
        <translation>Пользователь:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="140" />
        <location filename="../../desktop/ui/settings/dialog.py" line="245" />
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="150" />
        <source>Automatic</source>
        <translation>Автоматически</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="151" />
        <source>Microsoft Word</source>
        <translation>Microsoft Word</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="152" />
        <source>LibreOffice</source>
        <translation>LibreOffice</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="159" />
        <source>Files</source>
        <translation>Файлы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="162" />
        <source>Shared folder for scans:</source>
        <translation>Общая папка для сканов:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="163" />
        <source>Shared folder for signed scans</source>
        <translation>Общая папка для подписанных сканов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="166" />
        <source>Folder for documents:</source>
        <translation>Папка для документов:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="167" />
        <source>Folder for generated documents</source>
        <translation>Папка для сформированных документов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="169" />
        <source>PDF converter:</source>
        <translation>Конвертер PDF:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="170" />
        <source>Interface language:</source>
        <translation>Язык интерфейса:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="182" />
        <source>The demo works on its own database and documents folder; they are not changed here.</source>
        <translation>Демо работает со своей базой данных и своей папкой документов; здесь они не меняются.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="201" />
        <source>None (internal network)</source>
        <translation>Без шифрования (внутренняя сеть)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="213" />
        <source>the login, if empty</source>
        <translation>если пусто — логин</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="216" />
        <source>DOCX</source>
        <translation>DOCX</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="218" />
        <source>UPD XML</source>
        <translation>XML УПД</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="223" />
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="225" />
        <source>How long to wait for the mail server before giving up</source>
        <translation>Сколько ждать ответа почтового сервера</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="226" />
        <source>Check the server's certificate</source>
        <translation>Проверять сертификат сервера</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="230" />
        <source>Turn off only for an internal server with a self-signed certificate</source>
        <translation>Отключайте только для внутреннего сервера с самоподписанным сертификатом</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="232" />
        <source>Send a test message</source>
        <translation>Отправить тестовое письмо</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="239" />
        <source>Outgoing mail (SMTP)</source>
        <translation>Исходящая почта (SMTP)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="243" />
        <source>Timeout:</source>
        <translation>Ожидание ответа:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="244" />
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="246" />
        <source>Sender address:</source>
        <translation>Адрес отправителя:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="247" />
        <source>Sender name:</source>
        <translation>Имя отправителя:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="249" />
        <source>PDF always, and also:</source>
        <translation>PDF всегда, а также:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="251" />
        <source>Attach:</source>
        <translation>Вложения:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="274" />
        <source>Sending a test message…</source>
        <translation>Отправка тестового письма…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="279" />
        <source>Sent to %1. The server answered: %2</source>
        <translation>Отправлено на %1. Ответ сервера: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="289" />
        <source>Unexpected error: %1</source>
        <translation>Непредвиденная ошибка: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="290" />
        <location filename="../../desktop/ui/settings/dialog.py" line="295" />
        <source>Test message</source>
        <translation>Тестовое письмо</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../../desktop/ui/tasks.py" line="132" />
        <location filename="../../desktop/ui/tasks.py" line="173" />
        <source>Cancelling after the current item…</source>
        <translation>Остановка после текущего элемента…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/tasks.py" line="145" />
        <source>Working</source>
        <translation>Выполняется</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/tasks.py" line="152" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/tasks.py" line="171" />
        <source>About %n second(s) left</source>
        <translation><numerusform>Осталось около %n с</numerusform><numerusform>Осталось около %n с</numerusform><numerusform>Осталось около %n с</numerusform></translation>
    </message>
</context>
<context>
    <name>TemplatePage</name>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="162" />
        <source>Template and number</source>
        <translation>Шаблон и номер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="163" />
        <source>Templates allowed for the chosen own entity and kind of client.</source>
        <translation>Шаблоны, разрешённые для выбранного юрлица и вида клиента.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="171" />
        <source>Template:</source>
        <translation>Шаблон:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="172" />
        <source>Number:</source>
        <translation>Номер:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="173" />
        <source>Subject:</source>
        <translation>Предмет:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/wizard.py" line="196" />
        <source>empty: next by the pattern, %1</source>
        <translation>пусто — следующий по шаблону, %1</translation>
    </message>
</context>
<context>
    <name>UnallocatedTree</name>
    <message>
        <location filename="../../desktop/ui/payments/queue.py" line="31" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/queue.py" line="32" />
        <source>Order No.</source>
        <translation>№ п/п</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/queue.py" line="33" />
        <source>Payer</source>
        <translation>Плательщик</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/queue.py" line="34" />
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/queue.py" line="35" />
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/queue.py" line="36" />
        <source>Free</source>
        <translation>Свободно</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/queue.py" line="37" />
        <source>Own entity</source>
        <translation>Юрлицо</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/queue.py" line="38" />
        <source>Purpose</source>
        <translation>Назначение платежа</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payments/queue.py" line="64" />
        <source>%1 · payments: %2 · free %3</source>
        <translation>%1 · платежей: %2 · свободно %3</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="40" />
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="41" />
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="42" />
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="43" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="44" />
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="45" />
        <source>Active</source>
        <translation>Активен</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="53" />
        <source>Users and roles</source>
        <translation>Пользователи и роли</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="104" />
        <source>the password the user signs in with</source>
        <translation>пароль, с которым пользователь входит в программу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="110" />
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="111" />
        <source>Full name:</source>
        <translation>ФИО:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="112" />
        <source>Role:</source>
        <translation>Роль:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="113" />
        <source>E-mail:</source>
        <translation>E-mail:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="114" />
        <source>Region:</source>
        <translation>Регион:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="115" />
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="121" />
        <source>New user</source>
        <translation>Новый пользователь</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="123" />
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="125" />
        <source>Change password…</source>
        <translation>Сменить пароль…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="128" />
        <location filename="../../desktop/ui/users/dialog.py" line="202" />
        <source>Disable</source>
        <translation>Отключить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="130" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="146" />
        <source>Each user signs in to the PostgreSQL server with their own login and password; the database itself checks what their role may do.</source>
        <translation>Каждый пользователь входит на сервер PostgreSQL под своим логином и паролем; что разрешено его роли, проверяет сама база данных.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="150" />
        <source>This is a single-user database (SQLite): roles are recorded but not enforced by the database, and the user is whoever is signed in to this computer (see the status bar).</source>
        <translation>Это однопользовательская база (SQLite): роли записываются, но база данных их не проверяет, а пользователь программы — тот, кто вошёл в систему на этом компьютере (см. строку состояния).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="168" />
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="168" />
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="187" />
        <source>Roles decide who approves payment requests, who exports them to the bank and whose clients a manager sees.</source>
        <translation>Роли определяют, кто согласует заявки на оплату, кто выгружает их в банк и каких клиентов видит менеджер.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="194" />
        <source>Only an administrator changes users and roles: %1.</source>
        <translation>Пользователей и роли меняет только администратор: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="195" />
        <source>Only an administrator changes users and roles.</source>
        <translation>Пользователей и роли меняет только администратор.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="202" />
        <source>Enable</source>
        <translation>Включить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="278" />
        <location filename="../../desktop/ui/users/dialog.py" line="291" />
        <source>Change password</source>
        <translation>Смена пароля</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="279" />
        <source>New password of %1:</source>
        <translation>Новый пароль пользователя %1:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="291" />
        <source>The password of %1 is changed.</source>
        <translation>Пароль пользователя %1 изменён.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="304" />
        <source>Disable user</source>
        <translation>Отключение пользователя</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="305" />
        <source>Disable %1? They will no longer be able to sign in.</source>
        <translation>Отключить пользователя %1? Он больше не сможет войти в программу.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users/dialog.py" line="307" />
        <source>Disable %1?</source>
        <translation>Отключить пользователя %1?</translation>
    </message>
</context>
<context>
    <name>WorkOrdersDialog</name>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="99" />
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="100" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="101" />
        <source>Service</source>
        <translation>Услуга</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="102" />
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="103" />
        <source>Performer</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="104" />
        <source>Request №</source>
        <translation>№ заявки</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="105" />
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="106" />
        <source>Approved</source>
        <translation>Утверждён</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="127" />
        <source>Add row</source>
        <translation>Добавить строку</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="129" />
        <source>Delete rows</source>
        <translation>Удалить строки</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="131" />
        <source>Import…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="141" />
        <source>Period:</source>
        <translation>Период:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="197" />
        <location filename="../../desktop/ui/contracts/work_orders.py" line="345" />
        <source>Work orders: %1</source>
        <translation>Заказ-наряды: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="198" />
        <source>Work orders of variable contracts</source>
        <translation>Заказ-наряды договоров по факту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="205" />
        <source>All variable contracts</source>
        <translation>Все договоры по факту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="341" />
        <source>… and %1 more</source>
        <translation>… и ещё %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="354" />
        <location filename="../../desktop/ui/contracts/work_orders.py" line="363" />
        <source>Work orders are not saved</source>
        <translation>Заказ-наряды не сохранены</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="355" />
        <source>Correct the marked cells:</source>
        <translation>Исправьте отмеченные ячейки:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/work_orders.py" line="376" />
        <source>The changes are not saved. Show other work orders and drop them?</source>
        <translation>Изменения не сохранены. Показать другие заказ-наряды и отменить изменения?</translation>
    </message>
</context>
<context>
    <name>_BaseSendDialog</name>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="87" />
        <source>Send again to clients who already got it</source>
        <translation>Отправить повторно и тем, кому уже отправлено</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="96" />
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="97" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="98" />
        <source>Documents</source>
        <translation>Документы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="99" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="100" />
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="120" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="130" />
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="133" />
        <source>Retry failed</source>
        <translation>Повторить ошибки</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="136" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="137" />
        <source>Sending log…</source>
        <translation>Журнал отправки…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="199" />
        <source>Preparing the messages…</source>
        <translation>Подготовка писем…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="203" />
        <source>Preparing the messages</source>
        <translation>Подготовка писем</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="249" />
        <source>to send</source>
        <translation>к отправке</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="250" />
        <source>sent</source>
        <translation>отправлено</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="251" />
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="252" />
        <source>skipped</source>
        <translation>пропущено</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="258" />
        <source>To send: %1   Sent: %2   Failed: %3   Skipped: %4</source>
        <translation>К отправке: %1   Отправлено: %2   Ошибок: %3   Пропущено: %4</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="310" />
        <source>Sending…</source>
        <translation>Отправка…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="336" />
        <source>Cancelling after the current message…</source>
        <translation>Отмена после текущего письма…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="343" />
        <source>Sending %1 of %2: %3</source>
        <translation>Отправка %1 из %2: %3</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sending/dialog.py" line="356" />
        <source>Cancelled.</source>
        <translation>Прервано.</translation>
    </message>
</context>
</TS>