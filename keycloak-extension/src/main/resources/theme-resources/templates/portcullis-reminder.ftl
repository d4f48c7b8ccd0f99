<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: portcullis-reminder.ftl -->
    <#if section="header">
        ${msg("portcullisReminderTitle")}
    <#elseif section="form">
        <p id="portcullis-days-left">${msg("portcullisReminderDaysLeft", daysLeft, enrolBy)}</p>
        <p>${msg("portcullisReminderWhy")}</p>
        <form id="portcullis-reminder-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <button type="submit" name="choice" value="setup" autofocus
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("portcullisReminderSetUp")}</button>
                <button type="submit" name="choice" value="later"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("portcullisReminderLater")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
