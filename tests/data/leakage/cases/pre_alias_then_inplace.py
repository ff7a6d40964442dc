# %%
df = pd.read_csv("rent.csv")
work = df
work["sqft"].fillna(work["sqft"].mean(), inplace=True)
# %%
X_train, X_test, y_train, y_test = train_test_split(df[["sqft", "beds"]], df["rent"], random_state=0)
print(mean_squared_error(y_test, LinearRegression().fit(X_train, y_train).predict(X_test)))
