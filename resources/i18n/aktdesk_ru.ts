<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name />
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="165" />
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="170" />
        <source>Own entity</source>
        <translation>Юрлицо</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="171" />
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="172" />
        <source>Billing</source>
        <translation>Периодичность</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="174" />
        <source>Payment</source>
        <translation>Оплата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="178" />
        <source>Documents</source>
        <translation>Документы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="179" />
        <source>Valid</source>
        <translation>Действует</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="180" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="181" />
        <source>Manager</source>
        <translation>Менеджер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="182" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
</context>
<context>
    <name>ClosingTab</name>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="17" />
        <source>January</source>
        <translation>Январь</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="18" />
        <source>February</source>
        <translation>Февраль</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="19" />
        <source>March</source>
        <translation>Март</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="20" />
        <source>April</source>
        <translation>Апрель</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="21" />
        <source>May</source>
        <translation>Май</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="22" />
        <source>June</source>
        <translation>Июнь</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="23" />
        <source>July</source>
        <translation>Июль</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="24" />
        <source>August</source>
        <translation>Август</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="25" />
        <source>September</source>
        <translation>Сентябрь</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="26" />
        <source>October</source>
        <translation>Октябрь</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="27" />
        <source>November</source>
        <translation>Ноябрь</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="28" />
        <source>December</source>
        <translation>Декабрь</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="59" />
        <source>Period:</source>
        <translation>Период:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/closing/tab.py" line="100" />
        <source>Active contracts in the period: %1; with documents: %2; documents: %3</source>
        <translation>Действующих договоров в периоде: %1; с документами: %2; документов: %3</translation>
    </message>
</context>
<context>
    <name>ContractsModel</name>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="23" />
        <source>Fixed</source>
        <translation>Фиксированный</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="24" />
        <source>Variable</source>
        <translation>По факту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="27" />
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="28" />
        <source>Active</source>
        <translation>Действует</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="29" />
        <source>Suspended</source>
        <translation>Приостановлен</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="30" />
        <source>Closed</source>
        <translation>Закрыт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="57" />
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="58" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="59" />
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="60" />
        <source>Own entity</source>
        <translation>Юрлицо</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="61" />
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="64" />
        <source>Monthly amount</source>
        <translation>Сумма в месяц</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="68" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/model.py" line="134" />
        <source>by work orders</source>
        <translation>по заказ-нарядам</translation>
    </message>
</context>
<context>
    <name>ContractsTab</name>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="29" />
        <source>100% prepayment</source>
        <translation>Предоплата 100%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="30" />
        <source>70/30</source>
        <translation>Предоплата 70/30</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="31" />
        <source>Postpayment</source>
        <translation>Постоплата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="34" />
        <source>Act + invoice</source>
        <translation>Акт + счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="35" />
        <source>UPD</source>
        <translation>УПД</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="36" />
        <source>Act + invoice + UPD</source>
        <translation>Акт + счёт + УПД</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="39" />
        <source>Monthly</source>
        <translation>Ежемесячно</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="40" />
        <source>Quarterly</source>
        <translation>Ежеквартально</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="41" />
        <source>Yearly</source>
        <translation>Ежегодно</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="54" />
        <source>Search by number, client or INN</source>
        <translation>Поиск по номеру, клиенту или ИНН</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="60" />
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/contracts/tab.py" line="114" />
        <source>All own entities</source>
        <translation>Все юрлица</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/contracts/tab.py" line="133" />
        <source>Contracts: %n</source>
        <translation><numerusform>Договоров: %n</numerusform><numerusform>Договоров: %n</numerusform><numerusform>Договоров: %n</numerusform></translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="23" />
        <source>Act</source>
        <translation>Акт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="24" />
        <source>Invoice</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="25" />
        <source>UPD</source>
        <translation>УПД</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="42" />
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="43" />
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="44" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="45" />
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="46" />
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="47" />
        <source>Own entity</source>
        <translation>Юрлицо</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="49" />
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="51" />
        <source>Signed</source>
        <translation>Подписан</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="52" />
        <source>Sent</source>
        <translation>Отправлен</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="53" />
        <source>Paid</source>
        <translation>Оплата</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="128" />
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="130" />
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="136" />
        <source>paid</source>
        <translation>оплачен</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="137" />
        <source>partly</source>
        <translation>частично</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/model.py" line="138" />
        <source>unpaid</source>
        <translation>не оплачен</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../desktop/ui/errors.py" line="22" />
        <source>Unexpected error</source>
        <translation>Непредвиденная ошибка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="23" />
        <source>Something went wrong. The details were written to the log file.</source>
        <translation>Что-то пошло не так. Подробности записаны в журнал работы.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="56" />
        <source>Contracts</source>
        <translation>Договоры</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="57" />
        <source>Month closing</source>
        <translation>Закрытие месяца</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="58" />
        <source>Acts registry</source>
        <translation>Реестр актов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="59" />
        <source>Payments</source>
        <translation>Платежи</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="88" />
        <location filename="../../desktop/ui/main_window.py" line="158" />
        <source>No database connection</source>
        <translation>Нет подключения к базе данных</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="90" />
        <source>Database: %1</source>
        <translation>База данных: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="94" />
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="95" />
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="99" />
        <source>Fill with &amp;demo data…</source>
        <translation>Заполнить &amp;демо-данными…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="103" />
        <source>E&amp;xit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="108" />
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="109" />
        <source>Open the &amp;log file</source>
        <translation>Открыть &amp;журнал работы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="112" />
        <source>&amp;About AktDesk</source>
        <translation>&amp;О программе AktDesk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="119" />
        <source>About AktDesk</source>
        <translation>О программе AktDesk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="120" />
        <source>AktDesk %1: month closing, acts registry and payments.</source>
        <translation>AktDesk %1: закрытие месяца, реестр актов и платежи.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="140" />
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="150" />
        <location filename="../../desktop/ui/main_window.py" line="158" />
        <source>Demo data</source>
        <translation>Демо-данные</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="150" />
        <source>Number of clients:</source>
        <translation>Число клиентов:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="168" />
        <source>Filling demo data</source>
        <translation>Заполнение демо-данными</translation>
    </message>
</context>
<context>
    <name>PaymentsTab</name>
    <message>
        <location filename="../../desktop/ui/payments/tab.py" line="17" />
        <source>Invoices and their payment state</source>
        <translation>Счета и их оплата</translation>
    </message>
</context>
<context>
    <name>RegistryTab</name>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="20" />
        <source>Search by number, client or INN</source>
        <translation>Поиск по номеру, клиенту или ИНН</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="24" />
        <source>All documents</source>
        <translation>Все документы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="25" />
        <source>Acts</source>
        <translation>Акты</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="26" />
        <source>Invoices</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registry/tab.py" line="27" />
        <source>UPD</source>
        <translation>УПД</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/registry/tab.py" line="60" />
        <source>Documents: %n</source>
        <translation><numerusform>Документов: %n</numerusform><numerusform>Документов: %n</numerusform><numerusform>Документов: %n</numerusform></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="71" />
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="77" />
        <source>Embedded database (SQLite file)</source>
        <translation>Встроенная база данных (файл SQLite)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="78" />
        <source>PostgreSQL server (several users)</source>
        <translation>Сервер PostgreSQL (несколько пользователей)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="91" />
        <source>stored in the system keyring</source>
        <translation>хранится в системном хранилище паролей</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="95" />
        <source>Database</source>
        <translation>База данных</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="98" />
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="98" />
        <source>SQLite file</source>
        <translation>Файл SQLite</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="100" />
        <source>Server:</source>
        <translation>Сервер:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="101" />
        <source>Port:</source>
        <translation>Порт:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="102" />
        <source>Database:</source>
        <translation>База данных:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="103" />
        <source>User:</source>
        <translation>Пользователь:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="104" />
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="111" />
        <source>Automatic</source>
        <translation>Автоматически</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="112" />
        <source>Microsoft Word</source>
        <translation>Microsoft Word</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="113" />
        <source>LibreOffice</source>
        <translation>LibreOffice</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="120" />
        <source>Files</source>
        <translation>Файлы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="123" />
        <source>Shared folder for scans:</source>
        <translation>Общая папка для сканов:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="124" />
        <source>Shared folder for signed scans</source>
        <translation>Общая папка для подписанных сканов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="127" />
        <source>Folder for documents:</source>
        <translation>Папка для документов:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="128" />
        <source>Folder for generated documents</source>
        <translation>Папка для сформированных документов</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="130" />
        <source>PDF converter:</source>
        <translation>Конвертер PDF:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/dialog.py" line="131" />
        <source>Interface language:</source>
        <translation>Язык интерфейса:</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../../desktop/ui/tasks.py" line="121" />
        <location filename="../../desktop/ui/tasks.py" line="161" />
        <source>Cancelling after the current item…</source>
        <translation>Остановка после текущего элемента…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/tasks.py" line="134" />
        <source>Working</source>
        <translation>Выполняется</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/tasks.py" line="141" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/tasks.py" line="159" />
        <source>About %n second(s) left</source>
        <translation><numerusform>Осталось около %n с</numerusform><numerusform>Осталось около %n с</numerusform><numerusform>Осталось около %n с</numerusform></translation>
    </message>
</context>
</TS>